package io.lexica.util;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.LexicaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputKindTest {
  private static final OutputKind MARKED =
      OutputKind.luceneIndex("a marked index", data -> data.containsKey("lexica.mark"));

  @TempDir Path dir;

  private static void index(Path p, Map<String, String> commitData) throws IOException {
    try (FSDirectory d = FSDirectory.open(p);
        IndexWriter w = new IndexWriter(d, new IndexWriterConfig())) {
      w.setLiveCommitData(commitData.entrySet());
      w.commit();
    }
  }

  private static String refusal(OutputKind kind, Path target, OutputPolicy policy) {
    return assertThrows(LexicaException.class, () -> kind.check(target, policy)).describe();
  }

  @Test
  void replacesNothingOrItsOwnKindUnasked() throws IOException {
    Path mine = dir.resolve("mine");
    index(mine, Map.of("lexica.mark", "1"));
    Path other = dir.resolve("other");
    index(other, Map.of("lexica.other", "1"));
    Path plain = dir.resolve("plain");
    index(plain, Map.of());
    Files.createDirectory(dir.resolve("empty"));
    Files.writeString(dir.resolve("notes.txt"), "keep me");

    assertDoesNotThrow(() -> MARKED.check(dir.resolve("missing/deeper"), OutputPolicy.SAFE));
    assertDoesNotThrow(() -> MARKED.check(dir.resolve("empty"), OutputPolicy.SAFE));
    assertDoesNotThrow(() -> MARKED.check(mine, OutputPolicy.SAFE));
    assertTrue(
        refusal(MARKED, other, OutputPolicy.SAFE)
            .contains("is a Lucene index Lexica made, not a marked index"));
    assertTrue(refusal(MARKED, plain, OutputPolicy.SAFE).contains("a Lucene index Lexica did not"));
    assertTrue(
        refusal(MARKED, dir.resolve("notes.txt"), OutputPolicy.SAFE)
            .contains("is a file of 7 bytes"));
    assertTrue(refusal(MARKED, other, OutputPolicy.SAFE).contains("fix: "));
    assertDoesNotThrow(() -> MARKED.check(other, OutputPolicy.overwrite(true)));

    assertDoesNotThrow(() -> OutputKind.FILE.check(dir.resolve("notes.txt"), OutputPolicy.SAFE));
    assertTrue(refusal(OutputKind.FILE, mine, OutputPolicy.SAFE).contains("not a file"));
  }

  @Test
  void describesAForeignFolderByItsEntries() throws IOException {
    Path d = Files.createDirectories(dir.resolve("d").resolve("sub"));
    for (String f : new String[] {"a", "b", "c", "e"}) {
      Files.writeString(d.resolveSibling(f), f);
    }
    String message = refusal(MARKED, dir.resolve("d"), OutputPolicy.SAFE);
    assertTrue(message.contains("a folder holding "), message);
    assertTrue(message.contains(" and 2 more"), message);
  }

  @Test
  void neverAnInputNorWhatHoldsOrLiesInOneEvenWithOverwrite() throws IOException {
    Path src = Files.createDirectories(dir.resolve("src"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), src);
    OutputPolicy policy = OutputPolicy.overwrite(true).reading(src);
    assertTrue(refusal(MARKED, src, policy).contains("the output " + src + " is the input"));
    assertTrue(refusal(MARKED, src.resolve("out"), policy).contains("lies inside the input"));
    assertTrue(refusal(MARKED, dir, policy).contains("contains the input"));
    assertTrue(refusal(MARKED, link, policy).contains("is the input"), "seen through a link");
    assertTrue(refusal(MARKED, link.resolve("x"), policy).contains("lies inside the input"));
    assertDoesNotThrow(() -> MARKED.check(dir.resolve("srcx"), policy), "a sibling is fine");
  }

  @Test
  void overwriteNeverReplacesTheWorkingFolderTheHomeOrARoot() {
    OutputPolicy force = OutputPolicy.overwrite(true);
    for (Path p :
        new Path[] {
          Path.of(""),
          Path.of("").toAbsolutePath().getParent(),
          Path.of(System.getProperty("user.home")),
          Path.of("").toAbsolutePath().getRoot()
        }) {
      assertTrue(refusal(MARKED, p, force).contains("refusing to replace"), p.toString());
    }
    assertEquals(
        "a marked index", MARKED.description(), "the description names the kind in messages");
  }
}
