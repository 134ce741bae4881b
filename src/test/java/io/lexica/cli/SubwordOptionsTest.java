package io.lexica.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.LexicaException;
import io.lexica.vectors.FastTextBin;
import io.lexica.vectors.FastTextModel;
import io.lexica.vectors.Subwords;
import io.lexica.vectors.formats.VectorFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class SubwordOptionsTest {
  @TempDir Path dir;

  @Command(name = "t")
  static final class Host {
    @Mixin SubwordOptions subwords;
  }

  private static SubwordOptions parse(String... args) {
    Host host = new Host();
    new CommandLine(host).parseArgs(args);
    return host.subwords;
  }

  @Test
  void defaultsAreFastTexts() {
    Subwords s = parse().subwords();
    assertEquals(3, s.minn());
    assertEquals(6, s.maxn());
    assertEquals(2_000_000, s.buckets());
    Subwords custom = parse("--minn", "2", "--maxn", "4", "--buckets", "1000").subwords();
    assertEquals(2, custom.minn());
    assertEquals(1000, custom.buckets());
    assertFalse(parse("--maxn", "0").subwords().enabled());
    assertThrows(LexicaException.class, () -> parse("--minn", "5", "--maxn", "4").subwords());
  }

  @Test
  void aContinuedModelsNgramSchemeIsAdoptedUnlessAnotherIsAskedFor() {
    Subwords model = new Subwords(2, 4, 5000);
    Host host = new Host();
    CommandLine.ParseResult parsed = new CommandLine(host).parseArgs();
    host.subwords.adopt(model, parsed);
    assertEquals(2, host.subwords.subwords().minn());
    assertEquals(5000, host.subwords.subwords().buckets());
    Host other = new Host();
    CommandLine.ParseResult asked = new CommandLine(other).parseArgs("--maxn", "6");
    assertThrows(LexicaException.class, () -> other.subwords.adopt(model, asked));
  }

  @Test
  void trainCommandTrainsFastText() throws IOException {
    Path input = dir.resolve("tokens.txt");
    Files.writeString(input, "the cats sat on the mat\nthe dog ran to the cat\n".repeat(40));
    Path vec = dir.resolve("out.vec");
    Path bin = dir.resolve("out.bin");
    int code =
        Main.run(
            "train",
            "--input",
            input.toString(),
            "--algorithm",
            "fasttext",
            "--dim",
            "8",
            "--min-count",
            "1",
            "--epochs",
            "1",
            "--threads",
            "1",
            "--buckets",
            "500",
            "--quiet",
            "--out",
            vec.toString(),
            "--save-bin",
            bin.toString());
    assertEquals(0, code);
    FastTextModel m = FastTextBin.read(bin, false);
    assertEquals(500, m.settings().buckets());
    assertEquals(m.words().size(), VectorFiles.read(vec).size());
    assertTrue(m.ngrams().vector("catz") != null, "unseen word composed from n-grams");
  }
}
