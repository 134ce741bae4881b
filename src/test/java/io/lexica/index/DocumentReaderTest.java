package io.lexica.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.LexicaException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentReaderTest {
  @TempDir Path tmp;

  static List<SourceDocument> readAll(Path p) throws IOException {
    List<SourceDocument> out = new ArrayList<>();
    try (DocumentReader r = DocumentReader.open(p)) {
      for (SourceDocument d = r.next(); d != null; d = r.next()) {
        out.add(d);
      }
    }
    return out;
  }

  static byte[] gzip(String s) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(s.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  @Test
  void readsTextTsvAndJsonlWithGzipDetectedByContent() throws IOException {
    Path text = Files.writeString(tmp.resolve("a.txt"), "first line\n\nsecond line\n");
    assertEquals(
        List.of(
            new SourceDocument("1", "", "first line"), new SourceDocument("2", "", "second line")),
        readAll(text));
    Path tsv = Files.write(tmp.resolve("b.tsv.gz"), gzip("Title A\tbody a\nno tab here\n"));
    assertEquals(
        List.of(
            new SourceDocument("1", "Title A", "body a"),
            new SourceDocument("2", "", "no tab here")),
        readAll(tsv));
    // gzip without a .gz name is still detected
    Path sneaky = Files.write(tmp.resolve("c.tsv"), gzip("T\tx y\n"));
    assertEquals(List.of(new SourceDocument("1", "T", "x y")), readAll(sneaky));
    Path jsonl =
        Files.writeString(
            tmp.resolve("d.jsonl"),
            "{\"id\": \"7\", \"title\": \"T\", \"text\": \"café \\\"q\\\"\", \"extra\": [1, {\"a\": 2}]}\n"
                + "{\"text\": \"no id\", \"id\": 42}\n");
    assertEquals(
        List.of(new SourceDocument("7", "T", "café \"q\""), new SourceDocument("42", "", "no id")),
        readAll(jsonl));
  }

  @Test
  void corruptGzipAndBadJsonNameTheRemedy() throws IOException {
    byte[] good = gzip("a line of text\n".repeat(1000));
    Path truncated = Files.write(tmp.resolve("t.txt.gz"), Arrays.copyOf(good, good.length / 2));
    LexicaException e = assertThrows(LexicaException.class, () -> readAll(truncated));
    assertTrue(e.getMessage().contains("not a valid gzip"), e.getMessage());
    assertTrue(e.remedy().contains("gzip -t"), e.remedy());
    byte[] garbage = good.clone();
    for (int i = 20; i < garbage.length - 10; i++) {
      garbage[i] ^= 0x5a;
    }
    Path corrupt = Files.write(tmp.resolve("c.txt.gz"), garbage);
    e = assertThrows(LexicaException.class, () -> readAll(corrupt));
    assertTrue(e.getMessage().contains("not a valid gzip"), e.getMessage());

    Path bad = Files.writeString(tmp.resolve("bad.jsonl"), "{\"id\":1}\nnot json\n");
    e = assertThrows(LexicaException.class, () -> readAll(bad));
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    e = assertThrows(LexicaException.class, () -> readAll(tmp.resolve("missing.txt")));
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
  }

  @Test
  void numberingContinuesAcrossFiles() throws IOException {
    Path text = Files.writeString(tmp.resolve("n.txt"), "a\nb\n");
    try (DocumentReader r = DocumentReader.open(text).numberAfter(10)) {
      assertEquals("11", r.next().id());
      assertEquals("12", r.next().id());
    }
  }

  @Test
  void emptyFileHasNoDocuments() throws IOException {
    assertNull(DocumentReader.open(Files.writeString(tmp.resolve("e.txt"), "")).next());
  }
}
