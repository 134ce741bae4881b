package io.lexica.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.LexicaException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

class AnalyzerSpecTest {
  static List<String> tokens(AnalyzerSpec spec, String text) throws IOException {
    List<String> out = new ArrayList<>();
    try (Analyzer a = spec.create();
        TokenStream ts = a.tokenStream("body", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
    }
    return out;
  }

  @Test
  void builtInAnalyzersBehaveAsNamed() throws IOException {
    assertEquals(
        List.of("the", "cats", "are", "running"),
        tokens(AnalyzerSpec.parse("standard"), "The cats are running."));
    assertEquals(
        List.of("cat", "run"), tokens(AnalyzerSpec.parse("English"), "The cats are running."));
    assertEquals(
        List.of("The", "cats", "running."),
        tokens(AnalyzerSpec.parse("whitespace"), "The cats running."));
    assertTrue(AnalyzerSpec.parse(" standard ").isBuiltIn());
  }

  @Test
  void customChainRoundTripsThroughItsString() throws IOException {
    AnalyzerSpec spec =
        AnalyzerSpec.parse(
            "tokenizer=standard; filter=lowercase ;filter=stop(ignoreCase=true, words='stop words.txt')");
    assertFalse(spec.isBuiltIn());
    assertEquals(3, spec.components().size());
    assertEquals("stop words.txt", spec.components().get(2).params().get("words"));
    assertEquals(spec, AnalyzerSpec.parse(spec.toString()));
    AnalyzerSpec stop = AnalyzerSpec.parse("tokenizer=standard;filter=lowercase;filter=stop");
    assertEquals(List.of("cats", "running"), tokens(stop, "The cats are running"));
    assertEquals(stop, AnalyzerSpec.parse(stop.toString()));
  }

  @Test
  void unknownNamesListTheKnownOnes() {
    LexicaException e = assertThrows(LexicaException.class, () -> AnalyzerSpec.parse("klingon"));
    assertTrue(e.getMessage().contains("klingon"));
    for (String name : AnalyzerSpec.BUILT_IN) {
      assertTrue(e.remedy().contains(name), name);
    }
    e =
        assertThrows(
            LexicaException.class, () -> AnalyzerSpec.parse("tokenizer=nope;filter=lowercase"));
    assertTrue(e.remedy().contains("whitespace"), e.remedy());
    e = assertThrows(LexicaException.class, () -> AnalyzerSpec.parse("filter=lowercase"));
    assertTrue(e.getMessage().contains("exactly one"));
    e = assertThrows(LexicaException.class, () -> AnalyzerSpec.parse("tokenizer=standard;flter=x"));
    assertTrue(e.getMessage().contains("flter=x"));
    e =
        assertThrows(
            LexicaException.class,
            () ->
                AnalyzerSpec.parse("tokenizer=standard;filter=stop(words=missing-file.txt)")
                    .create());
    assertTrue(e.remedy().contains("exist"), e.remedy());
  }

  @Test
  void chineseAnalyzersFindWordsAndBigrams() throws IOException {
    String text = "我爱北京天安门。中华人民共和国成立了";
    List<String> smart = tokens(AnalyzerSpec.parse("smartcn"), text);
    assertTrue(smart.contains("北京"), smart.toString());
    assertTrue(smart.contains("天安门"), smart.toString());
    assertFalse(smart.contains("。"), smart.toString());
    List<String> cjk = tokens(AnalyzerSpec.parse("cjk"), "北京天安门");
    assertEquals(List.of("北京", "京天", "天安", "安门"), cjk);
  }
}
