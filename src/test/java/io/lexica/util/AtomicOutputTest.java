package io.lexica.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.lucene.tests.mockfile.WindowsFS;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicOutputTest {
  /** A folder output; these tests are about the mechanics, so they replace with --overwrite. */
  private static final OutputKind FOLDER = OutputKind.luceneIndex("a test folder", data -> true);

  private static final OutputPolicy REPLACE = OutputPolicy.overwrite(true);

  @TempDir Path dir;

  private List<String> entries() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void commitReplacesTheTargetAndLeavesNothingElse() throws IOException {
    Path target = dir.resolve("model");
    Files.createDirectory(target);
    Files.writeString(target.resolve("old"), "old");
    try (AtomicOutput out = AtomicOutput.create(target, FOLDER, REPLACE)) {
      Files.writeString(out.path().resolve("new"), "new");
      assertFalse(Files.exists(target.resolve("new")), "nothing shows before commit");
      out.commit();
    }
    assertEquals(List.of("model"), entries());
    assertEquals(List.of("new"), Files.list(target).map(p -> p.getFileName().toString()).toList());
  }

  @Test
  void lockIsReleasedAndItsFileRemovedWhereOpenFilesCannotBeDeleted() throws IOException {
    // Lucene's WindowsFS refuses to delete a file that is still open, as Windows does.
    FileSystem windows = new WindowsFS(dir.getFileSystem()).getFileSystem(URI.create("file:///"));
    Path d = windows.getPath(dir.toString());
    for (boolean commit : new boolean[] {true, false}) {
      try (AtomicOutput out = AtomicOutput.file(d.resolve("vectors.bin"))) {
        Files.writeString(out.path(), "new");
        if (commit) {
          out.commit();
        }
      }
    }
    assertEquals(List.of("vectors.bin"), entries());
  }

  @Test
  void closingWithoutCommitKeepsThePreviousResult() throws IOException {
    Path target = dir.resolve("vectors.bin");
    Files.writeString(target, "previous");
    try (AtomicOutput out = AtomicOutput.file(target)) {
      Files.writeString(out.path(), "half");
    }
    assertEquals(List.of("vectors.bin"), entries());
    assertEquals("previous", Files.readString(target));
  }

  @Test
  void leftoversOfAKilledWriterAreRemovedAndAnInterruptedCommitIsUndone() throws IOException {
    Path target = dir.resolve("model");
    // a writer killed while writing: its temporary and its (unlocked) lock file remain
    Files.createDirectory(dir.resolve(".model.tmp-dead01"));
    Files.writeString(dir.resolve(".model.tmp-dead01").resolve("_0.cfs"), "junk");
    Files.createFile(dir.resolve(".model.lock-dead01"));
    // a writer killed mid-commit: the previous model was moved aside, the new one never moved in
    Files.createDirectory(dir.resolve(".model.old-dead02"));
    Files.writeString(dir.resolve(".model.old-dead02").resolve("kept"), "previous model");
    Files.createDirectory(dir.resolve(".model.tmp-dead02"));
    Files.writeString(dir.resolve("unrelated"), "x");
    // the temporary of another target whose name starts like ours
    Files.createDirectory(dir.resolve(".model.tmp-x.tmp-abc"));

    try (AtomicOutput out = AtomicOutput.create(target, FOLDER, REPLACE)) {
      assertEquals("previous model", Files.readString(target.resolve("kept")), "restored");
      assertFalse(Files.exists(dir.resolve(".model.tmp-dead01")));
      assertFalse(Files.exists(dir.resolve(".model.lock-dead01")));
      assertFalse(Files.exists(dir.resolve(".model.tmp-dead02")));
      assertFalse(Files.exists(dir.resolve(".model.old-dead02")));
      Files.writeString(out.path().resolve("new"), "new");
      out.commit();
    }
    assertEquals(List.of(".model.tmp-x.tmp-abc", "model", "unrelated"), entries());
    assertTrue(Files.exists(target.resolve("new")));
  }

  @Test
  void aLiveWritersTemporaryIsNeverTouched() throws IOException {
    Path target = dir.resolve("model");
    try (AtomicOutput first = AtomicOutput.create(target, FOLDER, REPLACE)) {
      Files.writeString(first.path().resolve("a"), "a");
      try (AtomicOutput second = AtomicOutput.create(target, FOLDER, REPLACE)) {
        assertTrue(Files.exists(first.path().resolve("a")), "the first writer's work survives");
        second.commit();
      }
      first.commit();
    }
    assertTrue(Files.exists(target.resolve("a")));
    assertEquals(List.of("model"), entries());
  }
}
