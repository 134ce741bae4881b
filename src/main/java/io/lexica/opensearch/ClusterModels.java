package io.lexica.opensearch;

import io.lexica.LexicaException;
import io.lexica.util.AtomicOutput;
import io.lexica.vectors.Embeddings;
import io.lexica.vectors.store.ModelArchive;
import io.lexica.vectors.store.VectorStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.opensearch.cluster.ClusterChangedEvent;
import org.opensearch.cluster.ClusterStateListener;
import org.opensearch.common.unit.TimeValue;
import org.opensearch.common.util.concurrent.ThreadContext;
import org.opensearch.gateway.GatewayService;
import org.opensearch.threadpool.ThreadPool;

/**
 * One node's view of the models kept in the cluster ({@link ModelIndex}) and its local copies of
 * them: the {@link ModelRegistry.RemoteModels} of the node's registry.
 *
 * <p><b>The view</b> (name to newest {@link StoredModel}) is read from the index at most once per
 * check interval by a background task, and at once on every node when a model is uploaded or
 * deleted ({@link ModelChangedAction}), so {@link #latest} never waits on the network; a node that
 * joins later fills its view within one interval.
 *
 * <p><b>The cache</b> is the folder {@code lexica-models} under the node's data path: one folder
 * per version ({@code <name>/<version>-<sha256 prefix>}), unpacked beside it under a temporary
 * name, checked against the version's size and SHA-256 and only then renamed into place, so a
 * folder there is always complete. A version's folder is removed once no request uses it; the whole
 * cache is emptied when the node starts (what a killed node left behind is not trusted). The node
 * that commits an upload unpacks it too, to check it, but into a temporary folder it then removes:
 * a node keeps copies only of what it serves.
 *
 * <p>Thread-safe; copies run one at a time per node.
 */
final class ClusterModels implements ModelRegistry.RemoteModels, ClusterStateListener {
  private static final Logger LOG = LogManager.getLogger(ClusterModels.class);

  /** The cache folder's name under the node's data path. */
  static final String CACHE_DIR = "lexica-models";

  private static final String TEMP_PREFIX = ".tmp-";

  private final ModelIndex index;
  private final Path cache;
  private final ModelRegistry.ModelLoader loader;
  private final ThreadPool threadPool;
  private final Map<String, StoredModel> view = new ConcurrentHashMap<>();
  private final AtomicBoolean polling = new AtomicBoolean();
  private volatile boolean readOnce;
  private volatile TimeValue interval;
  private boolean scheduled; // only the cluster applier thread reads and writes it

  ClusterModels(
      ModelIndex index, Path cache, ModelRegistry.ModelLoader loader, ThreadPool threadPool) {
    this.index = index;
    this.cache = cache;
    this.loader = loader;
    this.threadPool = threadPool;
  }

  /**
   * Empties the cache; the view is read once the node has a cluster state ({@link #clusterChanged})
   * and from then on every {@code interval}.
   */
  void start(TimeValue interval) throws IOException {
    if (Files.exists(cache)) {
      AtomicOutput.deleteRecursively(cache);
    }
    Files.createDirectories(cache);
    this.interval = interval;
  }

  /**
   * On the first cluster state, starts the periodic read. Until the view has been read once (or the
   * recovered cluster state shows there is no models index), every cluster state change (a node
   * joining, the models index's shard starting) reads it at once, so a node that joins serves the
   * cluster's models as soon as it can read them; meanwhile the registry treats unknown names as
   * possibly there ({@link #ready}), so indices naming cluster models open during a restart.
   */
  @Override
  public void clusterChanged(ClusterChangedEvent event) {
    if (!scheduled) {
      scheduled = true;
      threadPool.scheduleWithFixedDelay(this::poll, interval, ThreadPool.Names.GENERIC);
    }
    if (readOnce
        || event.state().blocks().hasGlobalBlock(GatewayService.STATE_NOT_RECOVERED_BLOCK)) {
      return; // what the cluster holds is not known before its state is recovered
    }
    if (!event.state().metadata().hasIndex(ModelIndex.NAME)) {
      view.clear();
      readOnce = true; // no models index: no models, known without reading
    } else if (polling.compareAndSet(false, true)) {
      threadPool
          .generic()
          .execute(
              () -> {
                try {
                  poll();
                } finally {
                  polling.set(false);
                }
              });
    }
  }

  /**
   * Reads the whole view from the index; failures (the cluster not ready yet) wait for the next.
   */
  void poll() {
    try (ThreadContext.StoredContext ignored = threadPool.getThreadContext().stashContext()) {
      List<StoredModel> models = index.list();
      Map<String, StoredModel> now = new HashMap<>();
      for (StoredModel m : models) {
        now.put(m.name(), m);
      }
      view.keySet().retainAll(now.keySet());
      view.putAll(now);
      readOnce = true;
    } catch (RuntimeException e) {
      LOG.debug("cannot read the lexica models index yet", e);
    }
  }

  /**
   * Reads model {@code name}'s entry of the view from the index now (after an upload or delete).
   */
  void refresh(String name) {
    StoredModel m = index.get(name);
    if (m == null) {
      view.remove(name);
    } else {
      view.put(name, m);
    }
  }

  @Override
  public boolean ready() {
    return readOnce;
  }

  @Override
  public String latest(String name) {
    StoredModel m = view.get(name);
    return m == null ? null : m.versionId();
  }

  @Override
  public synchronized Path materialize(String name, String versionId) throws IOException {
    StoredModel m = view.get(name);
    if (m == null || !m.versionId().equals(versionId)) {
      throw new IOException("version " + versionId + " is no longer the newest; try again");
    }
    Path target = folder(m);
    if (Files.isDirectory(target)) {
      return target;
    }
    long start = System.nanoTime();
    try (ThreadContext.StoredContext ignored = threadPool.getThreadContext().stashContext()) {
      Path unpacked =
          unpack(m.name(), index.read(m.name(), m.upload(), m.parts()), m.size(), m.sha256());
      Files.move(unpacked, target, StandardCopyOption.ATOMIC_MOVE);
    }
    LOG.info(
        "lexica model [{}]: version {} ({} bytes) copied from the cluster in {} ms",
        name,
        m.version(),
        m.size(),
        (System.nanoTime() - start) / 1_000_000);
    return target;
  }

  /**
   * Unpacks an archive into a new temporary folder of the cache and checks its size and SHA-256;
   * answers the folder. Nothing is left behind when it fails.
   *
   * @throws IllegalArgumentException when the archive is not what was announced or not an archive
   */
  Path unpack(String name, ModelIndex.Archive archive, long size, String sha256)
      throws IOException {
    Path dir =
        Files.createDirectories(cache.resolve(name)).resolve(TEMP_PREFIX + UUID.randomUUID());
    boolean ok = false;
    try (ModelIndex.Archive in = archive) {
      String actual;
      try {
        actual = ModelArchive.extract(in, dir);
      } catch (java.util.zip.ZipException e) {
        throw new IllegalArgumentException(
            "the upload of lexica model ["
                + name
                + "] is not a model archive ("
                + e.getMessage()
                + "); send every part again, once each, in order");
      }
      if (in.length() != size || !actual.equals(sha256)) {
        throw new IllegalArgumentException(
            "the upload of lexica model ["
                + name
                + "] is not what was announced: "
                + in.length()
                + " bytes with SHA-256 "
                + actual
                + ", expected "
                + size
                + " bytes with SHA-256 "
                + sha256
                + "; send every part again (a part was lost or sent twice)");
      }
      ok = true;
      return dir;
    } finally {
      if (!ok) {
        AtomicOutput.deleteRecursively(dir);
      }
    }
  }

  /**
   * Checks that an unpacked upload is a model this node can serve and answers its metadata, with
   * the dimension and vocabulary size always present.
   *
   * @throws IllegalArgumentException naming the problem
   */
  Map<String, String> check(String name, Path dir) {
    Embeddings model;
    try {
      model = loader.open(dir);
    } catch (LexicaException e) {
      throw new IllegalArgumentException(
          "the upload of lexica model [" + name + "] is not a model: " + e.describe());
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "the upload of lexica model [" + name + "] is not a model: " + e.getMessage());
    }
    try {
      Map<String, String> meta = new HashMap<>(model.metadata());
      meta.putIfAbsent(VectorStore.KEY_DIMENSION, Integer.toString(model.dimension()));
      meta.putIfAbsent(VectorStore.KEY_SIZE, Integer.toString(model.size()));
      return meta;
    } finally {
      model.close();
    }
  }

  @Override
  public void release(Path dir) {
    try {
      AtomicOutput.deleteRecursively(dir);
    } catch (IOException e) {
      LOG.warn("cannot remove the unused lexica model copy " + dir, e);
    }
  }

  /** Removes leftovers of {@link #unpack}: called when an upload fails after unpacking. */
  static void discard(Path unpacked) {
    try {
      if (unpacked != null) {
        AtomicOutput.deleteRecursively(unpacked);
      }
    } catch (IOException e) {
      LOG.warn("cannot remove " + unpacked, e);
    }
  }

  private Path folder(StoredModel m) {
    return cache.resolve(m.name()).resolve(m.version() + "-" + m.sha256().substring(0, 16));
  }

  /** The folders in the cache now, for tests. */
  List<Path> cachedFolders() throws IOException {
    try (Stream<Path> all = Files.walk(cache, 2)) {
      return all.filter(p -> cache.relativize(p).getNameCount() == 2).sorted().toList();
    }
  }
}
