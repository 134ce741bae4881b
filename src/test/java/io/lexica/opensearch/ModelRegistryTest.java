package io.lexica.opensearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.vectors.Embeddings;
import io.lexica.vectors.store.VectorStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {
  @TempDir Path config;

  @Test
  void opensEachModelOnceAcrossThreads() throws Exception {
    TestModels.install(config, "tiny", TestModels.TINY);
    AtomicInteger opens = new AtomicInteger();
    ModelRegistry registry =
        new ModelRegistry(
            config,
            dir -> {
              opens.incrementAndGet();
              return VectorStore.open(dir);
            });
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Embeddings>> got = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        got.add(pool.submit(() -> registry.get("tiny")));
      }
      Embeddings first = got.get(0).get();
      for (Future<Embeddings> f : got) {
        assertSame(first, f.get());
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(1, opens.get());
    assertEquals("automobile", registry.get("tiny").nearest("car", 1, 0).get(0).word());
  }

  @Test
  void missingInvalidAndCorruptModelsAreIllegalArguments() throws IOException {
    TestModels.installCorrupt(config, "broken");
    ModelRegistry registry = new ModelRegistry(config, VectorStore::open);
    assertMessage(() -> registry.get("nope"), "lexica model [nope] not found");
    assertMessage(() -> registry.get("nope"), config.resolve("lexica").resolve("nope").toString());
    assertMessage(() -> registry.get("../etc"), "invalid lexica model name [../etc]");
    assertMessage(() -> registry.get(".hidden"), "invalid lexica model name");
    assertMessage(() -> registry.get(""), "no lexica model given");
    assertMessage(() -> registry.get("broken"), "lexica model [broken]");
    assertMessage(() -> registry.get("broken"), "cannot be opened");
  }

  @Test
  void failuresAreNotRememberedSoInstallingFixesIt() throws IOException {
    ModelRegistry registry = new ModelRegistry(config, VectorStore::open);
    assertMessage(() -> registry.get("late"), "not found");
    TestModels.install(config, "late", TestModels.TINY);
    assertTrue(registry.get("late").contains("car"));
  }

  private static void assertMessage(Runnable r, String part) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, r::run, "expected: " + part);
    assertTrue(e.getMessage().contains(part), e.getMessage());
  }
}
