package io.lexica.opensearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.vectors.Embeddings;
import io.lexica.vectors.Neighbor;
import io.lexica.vectors.store.VectorStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
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
    ModelRegistry registry = new ModelRegistry(config, counting(opens));
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

  /** A model that records when it is closed and can hold a call until released. */
  private record Tracked(VectorStore store, String id, List<String> closed, CountDownLatch hold)
      implements Embeddings {
    @Override
    public int dimension() {
      return store.dimension();
    }

    @Override
    public int size() {
      return store.size();
    }

    @Override
    public boolean contains(String word) {
      return store.contains(word);
    }

    @Override
    public float[] unitVector(String word) {
      return store.unitVector(word);
    }

    @Override
    public long count(String word) {
      return store.count(word);
    }

    @Override
    public List<Neighbor> nearest(float[] q, int k, float min, Set<String> exclude) {
      if (exclude.contains("hold")) {
        try {
          hold.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return store.nearest(q, k, min, exclude);
    }

    @Override
    public void close() {
      closed.add(id);
      store.close();
    }
  }

  @Test
  void aNewVersionIsServedAfterTheCheckAndTheOldOneIsClosedAfterItsLastCall() throws Exception {
    TestModels.install(config, "m", TestModels.TINY);
    List<String> closed = new CopyOnWriteArrayList<>();
    AtomicInteger opens = new AtomicInteger();
    CountDownLatch hold = new CountDownLatch(1);
    ModelRegistry registry =
        new ModelRegistry(
            config,
            dir -> new Tracked(VectorStore.open(dir), "v" + opens.incrementAndGet(), closed, hold),
            Duration.ZERO);
    Embeddings model = registry.get("m");
    assertEquals("automobile", model.nearest("car", 1, 0).get(0).word());
    String first = registry.versionId("m");
    // a call still running on version 1 while version 2 is put in place
    float[] car = model.unitVector("car");
    ExecutorService pool = Executors.newSingleThreadExecutor();
    Future<List<Neighbor>> running =
        pool.submit(() -> model.nearest(car, 1, 0, Set.of("hold", "car")));
    TestModels.install(
        config, "m", TestModels.TINY_V2); // replaced atomically, as lexica update does
    assertEquals("vehicle", model.nearest("car", 1, 0).get(0).word(), "the same handle follows");
    assertSame(model, registry.get("m"));
    String second = registry.versionId("m");
    assertNotEquals(first, second, "what callers derive from the model can follow it");
    assertEquals(List.of(), closed, "version 1 is still in use");
    hold.countDown();
    assertEquals("automobile", running.get().get(0).word(), "the running call ends on version 1");
    pool.shutdown();
    assertEquals(List.of("v1"), closed, "and then version 1 is closed");
    TestModels.installCorrupt(config, "m"); // a broken copy: the last good version keeps serving
    assertEquals("vehicle", model.nearest("car", 1, 0).get(0).word());
    assertEquals(second, registry.versionId("m"));
    TestModels.install(config, "m", TestModels.TINY);
    assertEquals("automobile", model.nearest("car", 1, 0).get(0).word());
    registry.close();
    assertEquals(3, closed.size(), "every version is closed: " + closed);
  }

  @Test
  void withoutANewVersionNothingIsReopened() throws Exception {
    TestModels.install(config, "m", TestModels.TINY);
    AtomicInteger opens = new AtomicInteger();
    ModelRegistry registry = new ModelRegistry(config, counting(opens), Duration.ZERO);
    for (int i = 0; i < 20; i++) {
      assertTrue(registry.get("m").contains("car"));
    }
    assertEquals(1, opens.get());
    registry.close();
  }

  /** Models "in the cluster": each version written to its own folder when first copied. */
  private static final class FakeRemote implements ModelRegistry.RemoteModels {
    final Path cache;
    final java.util.Map<String, String> latest = new java.util.concurrent.ConcurrentHashMap<>();
    final java.util.Map<String, io.lexica.vectors.WordVectors> versions =
        new java.util.concurrent.ConcurrentHashMap<>();
    final List<String> copied = new CopyOnWriteArrayList<>();
    final List<String> released = new CopyOnWriteArrayList<>();

    FakeRemote(Path cache) {
      this.cache = cache;
    }

    void put(String name, String id, io.lexica.vectors.WordVectors vectors) {
      if (vectors != null) {
        versions.put(id, vectors);
      }
      latest.put(name, id);
    }

    volatile boolean ready = true;

    @Override
    public String latest(String name) {
      return latest.get(name);
    }

    @Override
    public boolean ready() {
      return ready;
    }

    @Override
    public Path materialize(String name, String id) throws IOException {
      if (!versions.containsKey(id)) {
        throw new IOException("part 3 of version " + id + " is missing");
      }
      copied.add(id);
      return TestModels.install(cache, id, versions.get(id));
    }

    @Override
    public void release(Path dir) {
      released.add(dir.getFileName().toString());
    }
  }

  @Test
  void clusterModelsAreCopiedOnFirstUseFollowUploadsAndDeletesAndTheFolderWins(@TempDir Path cache)
      throws Exception {
    ModelRegistry registry = new ModelRegistry(config, VectorStore::open, Duration.ZERO);
    FakeRemote remote = new FakeRemote(cache);
    registry.serveFrom(remote);
    assertMessage(() -> registry.get("r"), "lexica publish MODEL");
    remote.put("r", "v1", TestModels.TINY);
    Embeddings model = registry.get("r");
    assertEquals(List.of(), remote.copied, "not copied before its first use");
    assertEquals("automobile", model.nearest("car", 1, 0).get(0).word());
    assertEquals("v1", registry.versionId("r"));
    remote.put("r", "v2", TestModels.TINY_V2);
    assertEquals("vehicle", model.nearest("car", 1, 0).get(0).word(), "the handle follows");
    assertEquals(List.of("v1"), remote.released, "version 1's copy goes once unused");
    remote.put("r", "v3", null); // cannot be copied: version 2 keeps serving
    assertEquals("vehicle", model.nearest("car", 1, 0).get(0).word());
    assertEquals("v2", registry.versionId("r"));
    // A folder of the same name wins over the cluster.
    TestModels.install(config, "r", TestModels.TINY);
    assertEquals("automobile", model.nearest("car", 1, 0).get(0).word());
    assertEquals(List.of("v1", "v2"), remote.released);
    // Deleted from the cluster: not found from the next check on, and found again after an upload.
    remote.put("d", "d1", TestModels.TINY);
    Embeddings deleted = registry.get("d");
    assertTrue(deleted.contains("car"));
    remote.latest.remove("d");
    assertMessage(() -> deleted.contains("car"), "lexica model [d] not found");
    assertEquals(List.of("v1", "v2", "d1"), remote.released);
    remote.put("d", "d2", TestModels.TINY_V2);
    assertEquals("vehicle", deleted.nearest("car", 1, 0).get(0).word());
    // A first use whose copy fails names the problem, and is not remembered.
    remote.put("f", "f1", null);
    Embeddings failing = registry.get("f");
    assertMessage(() -> failing.contains("car"), "part 3 of version f1 is missing");
    remote.put("f", "f2", TestModels.TINY);
    assertTrue(failing.contains("car"));
    // Before the node has read the cluster's list (a restart), any name opens, and fails clearly
    // on use until the list is read.
    remote.ready = false;
    Embeddings early = registry.get("early");
    assertMessage(() -> early.contains("car"), "has not read the cluster's models");
    remote.ready = true;
    remote.put("early", "e1", TestModels.TINY);
    assertTrue(early.contains("car"));
    registry.close();
    assertEquals(List.of("v1", "v2", "d1", "d2", "f2", "e1"), remote.released);
  }

  /** Opens stores, counting the opens. */
  private static ModelRegistry.ModelLoader counting(AtomicInteger opens) {
    return dir -> {
      opens.incrementAndGet();
      return VectorStore.open(dir);
    };
  }

  private static void assertMessage(Runnable r, String part) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, r::run, "expected: " + part);
    assertTrue(e.getMessage().contains(part), e.getMessage());
  }
}
