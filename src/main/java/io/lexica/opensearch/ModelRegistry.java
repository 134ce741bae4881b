package io.lexica.opensearch;

import io.lexica.LexicaException;
import io.lexica.vectors.Embeddings;
import io.lexica.vectors.Neighbor;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.lucene.index.SegmentInfos;

/**
 * The models of one OpenSearch node: directories under {@code <config>/lexica/<name>/}, each opened
 * on first use and then shared by every index, query and request on the node until the node stops.
 *
 * <p>A model follows its folder: at most once per check interval a request looks at the folder's
 * commit (the directory's identity and its {@code segments_N} file's name, size and time, a few
 * {@code stat} calls), and when a new version was put there ({@code lexica update} or {@code lexica
 * train} replace a model atomically) the next requests use it, with no restart: token filters,
 * queries and the neighbours endpoint hold a {@link #get handle} that follows the versions. The old
 * version is closed once the last request using it is done; a version that cannot be opened (a copy
 * still under way) leaves the current one serving and is tried again at the next check.
 *
 * <p>A model that is missing or cannot be opened gives an {@link IllegalArgumentException} (which
 * OpenSearch answers with 400) naming the model, the directory and the fix; the failure is not
 * remembered, so installing the model makes the next request succeed without a restart. Errors
 * carry no Lucene exception as cause (see {@link LiveModel}); the node log has the details.
 *
 * <p><b>Models kept in the cluster.</b> A model with no folder here is looked up in the {@link
 * RemoteModels} the plugin gives ({@link ClusterModels}: the models uploaded with {@code PUT
 * /_lexica/models/<name>}). Such a model is copied to a node-local folder on its first use (not
 * when an index naming it is created: that may run on a thread that must not wait), and follows new
 * uploads as a folder model follows its folder: at most once per check interval the handle asks for
 * the newest version's id, and a new id is copied and opened while the current version serves. A
 * model deleted from the cluster answers "not found" from the next check on. <b>The folder
 * wins</b>: when {@code <config>/lexica/<name>/} holds a model, that node serves it and ignores the
 * cluster's model of the same name, so an operator can pin one node to a local copy, and nodes set
 * up before models were kept in the cluster behave as before.
 *
 * <p>Thread-safe: any number of threads may ask for models at once; each model is opened once.
 */
public final class ModelRegistry implements Closeable {
  /** The directory under the node's config directory that holds the models. */
  public static final String MODELS_DIR = "lexica";

  /** Model names are directory names: no separators, no leading dot, so no path escapes. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

  /** Opens the model stored in a directory. */
  @FunctionalInterface
  public interface ModelLoader {
    /**
     * Opens the model in {@code dir}; the result must be thread-safe.
     *
     * @param dir a model version's folder
     * @return the model
     * @throws IOException or {@link LexicaException} when the directory holds no readable model
     */
    Embeddings open(Path dir) throws IOException;
  }

  /**
   * Models kept outside the config folder (the cluster's), consulted for a name that has no folder.
   */
  public interface RemoteModels {
    /**
     * The id of the newest version of model {@code name}, or null when there is none; never blocks.
     *
     * @param name a model's name
     * @return the version id, or null
     */
    String latest(String name);

    /**
     * Whether {@link #latest} answers from a read of the cluster's models; until then (a node
     * starting while the models index recovers) a name it does not know may still be there.
     *
     * @return true once the cluster's models were read
     */
    boolean ready();

    /**
     * A local folder that holds version {@code versionId} of model {@code name}, copied and checked
     * now when it is not there yet; may block for the copy.
     *
     * @param name a model's name
     * @param versionId the version, as {@link #latest} gave it
     * @return the folder
     * @throws IOException when the version cannot be copied (or is no longer the newest)
     */
    Path materialize(String name, String versionId) throws IOException;

    /**
     * The folder of a version no request uses any more: it may be removed.
     *
     * @param dir a folder {@link #materialize} returned
     */
    void release(Path dir);
  }

  private static final Logger LOG = LogManager.getLogger(ModelRegistry.class);

  /** How often a model's folder is checked for a new version by default. */
  public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofSeconds(10);

  private final Path root;
  private final ModelLoader loader;
  private final long checkNanos;
  private final Map<String, LiveModel> open = new ConcurrentHashMap<>();
  private volatile RemoteModels remote;

  /**
   * A registry of the models under {@code configDir}, checking each model's folder for a new
   * version at most every {@link #DEFAULT_CHECK_INTERVAL}.
   *
   * @param configDir the node's config directory; models live in its {@value #MODELS_DIR} folder
   * @param loader opens a model folder (the plugin passes {@code ModelFiles::open})
   */
  public ModelRegistry(Path configDir, ModelLoader loader) {
    this(configDir, loader, DEFAULT_CHECK_INTERVAL);
  }

  /**
   * A registry of the models under {@code configDir}.
   *
   * @param configDir the node's config directory; models live in its {@value #MODELS_DIR} folder
   * @param loader opens a model folder
   * @param checkInterval how often (at most) a model's folder is checked for a new version
   */
  public ModelRegistry(Path configDir, ModelLoader loader, Duration checkInterval) {
    this.root = configDir.resolve(MODELS_DIR).toAbsolutePath().normalize();
    this.loader = loader;
    this.checkNanos = checkInterval.toNanos();
  }

  /**
   * Serves the models of {@code remote} too (see the class comment); set once, at node start.
   *
   * @param remote the cluster's models
   */
  public void serveFrom(RemoteModels remote) {
    this.remote = remote;
  }

  /**
   * The folder that holds this node's models.
   *
   * @return the absolute folder
   */
  public Path root() {
    return root;
  }

  /**
   * The model called {@code name}, opened now if it is not open yet: a handle that serves the
   * folder's latest version (see the class comment).
   *
   * @param name the model's name
   * @return a handle, shared by every caller; never closed by them
   * @throws IllegalArgumentException when the name is invalid or the model is missing or unreadable
   */
  public Embeddings get(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException(
          "no lexica model given: set [model] to the name of a folder under " + root);
    }
    checkName(name);
    Embeddings model = open.get(name);
    return model != null ? model : open.computeIfAbsent(name, this::load);
  }

  /**
   * An id of the version of model {@code name} served now: it changes when a new version of the
   * folder is served, so what callers derive from a model (such as a document embedder's word
   * weights) can follow it.
   *
   * @param name the model's name
   * @return the id
   * @throws IllegalArgumentException as {@link #get}
   */
  public String versionId(String name) {
    get(name);
    LiveModel model = open.get(name);
    Version v = model.acquire();
    try {
      return v.id();
    } finally {
      v.decRef(remote);
    }
  }

  /**
   * Fails unless {@code name} can name a model: a folder name (letters, digits, '_', '-', '.'; not
   * starting with '.'), so that no name leads out of the models' folder.
   */
  static void checkName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "invalid lexica model name ["
              + name
              + "]: a model name is the name of a folder under <config>/"
              + MODELS_DIR
              + "/ (letters, digits, '_', '-', '.'; not starting with '.')");
    }
  }

  private LiveModel load(String name) {
    Path dir = root.resolve(name);
    if (Files.isDirectory(dir)) {
      String version = version(dir);
      return new LiveModel(name, dir, new Version(openModel(name, dir), version, null));
    }
    RemoteModels cluster = remote;
    if (cluster != null && (!cluster.ready() || cluster.latest(name) != null)) {
      // copied and opened on first use; an index naming it opens even while the list is unread
      return new LiveModel(name, dir, null);
    }
    throw notFound(name, dir);
  }

  /** The failure of a cluster model asked for before this node could read the cluster's list. */
  private static IllegalArgumentException notReadYet(String name) {
    return new IllegalArgumentException(
        "lexica model ["
            + name
            + "] is not known yet: this node has not read the cluster's models (the "
            + ModelIndex.NAME
            + " index is still recovering); try again once the cluster is green");
  }

  private IllegalArgumentException notFound(String name, Path dir) {
    return new IllegalArgumentException(
        "lexica model ["
            + name
            + "] not found: the cluster has no model of that name and there is no folder "
            + dir
            + "; upload it once with `lexica publish MODEL --url http://host:9200 --name "
            + name
            + "` (PUT /_lexica/models/"
            + name
            + "), or copy it to that folder on every node (see the Lexica README)");
  }

  /** Opens the model in {@code dir}, failing with a plain message (no cause: see LiveModel). */
  private Embeddings openModel(String name, Path dir) {
    String problem;
    try {
      return loader.open(dir);
    } catch (LexicaException e) {
      problem = e.describe();
    } catch (IOException | RuntimeException e) {
      problem = e + "\n  fix: replace it with a complete model written by `lexica train`";
    }
    String message = "lexica model [" + name + "] in " + dir + " cannot be opened: " + problem;
    LOG.warn(message);
    throw new IllegalArgumentException(message);
  }

  /**
   * What identifies the version of the model in {@code dir}: the directory itself (a model written
   * by Lexica replaces it by a rename, so it is a new directory) and its latest commit file. Empty
   * when there is no commit to read.
   */
  static String version(Path dir) {
    try {
      BasicFileAttributes d = Files.readAttributes(dir, BasicFileAttributes.class);
      String[] files;
      try (Stream<Path> list = Files.list(dir)) {
        files = list.map(p -> p.getFileName().toString()).toArray(String[]::new);
      }
      long generation = SegmentInfos.getLastCommitGeneration(files);
      if (generation < 0) {
        return "";
      }
      Path commit = dir.resolve(SegmentInfos.getLastCommitSegmentsFileName(files));
      BasicFileAttributes c = Files.readAttributes(commit, BasicFileAttributes.class);
      return (d.fileKey() != null ? d.fileKey() : d.creationTime())
          + "/"
          + commit.getFileName()
          + "/"
          + c.size()
          + "/"
          + c.lastModifiedTime().toMillis();
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * One opened version of a model, counting the requests using it.
   *
   * @param cached the node-local copy of a cluster model, removed once the version is closed; null
   *     for a folder model
   */
  private record Version(Embeddings model, String id, Path cached, AtomicInteger refs) {
    Version(Embeddings model, String id, Path cached) {
      this(model, id, cached, new AtomicInteger(1)); // the registry's own reference
    }

    boolean tryIncRef() {
      for (int n = refs.get(); n > 0; n = refs.get()) {
        if (refs.compareAndSet(n, n + 1)) {
          return true;
        }
      }
      return false;
    }

    void decRef(RemoteModels remote) {
      if (refs.decrementAndGet() == 0) {
        model.close();
        if (cached != null && remote != null) {
          remote.release(cached);
        }
      }
    }
  }

  /**
   * The handle callers get: it serves the latest version of the model's folder and turns failures
   * into plain messages. Why plain: OpenSearch fails (and reallocates) an index shard when a search
   * on it throws an exception caused by a Lucene corruption exception, and a broken model is a
   * Lucene index too; its corruption must not be mistaken for the shard's. So causes are logged
   * here and never chained.
   *
   * <p>Each call holds a reference to the version it uses, so a version replaced meanwhile is
   * closed only after its last call (the pattern of Lucene's {@code SearcherManager}).
   */
  private final class LiveModel implements Embeddings {
    private final String name;
    private final Path dir;
    private final ReentrantLock refreshing = new ReentrantLock();
    private volatile Version current; // null: a cluster model not copied yet, or deleted
    private volatile long nextCheck;
    private volatile boolean closed; // written under this

    LiveModel(String name, Path dir, Version first) {
      this.name = name;
      this.dir = dir;
      this.current = first;
      this.nextCheck = System.nanoTime() + checkNanos;
    }

    /**
     * The current version, referenced; release it with {@link Version#decRef}. When a check is due,
     * one thread makes it; the others keep using the current version meanwhile (a copy from the
     * cluster may take seconds), unless there is none yet: then they wait for it.
     */
    private Version acquire() {
      if (current == null) {
        refreshing.lock();
        try {
          refresh();
        } finally {
          refreshing.unlock();
        }
      } else if (System.nanoTime() - nextCheck >= 0 && refreshing.tryLock()) {
        try {
          refresh();
        } finally {
          refreshing.unlock();
        }
      }
      while (true) {
        Version v = current;
        if (v == null) { // not in the cluster (deleted meanwhile), or its list is unread
          RemoteModels cluster = remote;
          throw cluster != null && !cluster.ready() ? notReadYet(name) : notFound(name, dir);
        }
        if (v.tryIncRef()) {
          return v;
        }
        if (v == current) { // closed and not replaced: the registry was closed
          throw new IllegalStateException("lexica model [" + name + "] is closed");
        }
      }
    }

    /**
     * Opens the newest version, if there is a new one, and makes it current: the folder's, else the
     * cluster's. A version that cannot be opened leaves the current one serving; with none serving
     * (first use), its failure is the caller's. Called under {@code refreshing}.
     */
    private void refresh() {
      if (closed || (current != null && System.nanoTime() - nextCheck < 0)) {
        return; // another thread checked meanwhile
      }
      nextCheck = System.nanoTime() + checkNanos;
      String id = version(dir);
      Version next;
      if (!id.isEmpty() || Files.isDirectory(dir)) {
        if (id.isEmpty() || (current != null && id.equals(current.id()))) {
          return; // a folder without a commit: a copy under way
        }
        try {
          next = new Version(openModel(name, dir), id, null);
        } catch (IllegalArgumentException e) {
          if (current == null) {
            throw e;
          }
          return; // logged; the current version keeps serving until a complete one is there
        }
        LOG.info("lexica model [{}]: serving the new version in {}", name, dir);
      } else {
        RemoteModels cluster = remote;
        String latest = cluster == null ? null : cluster.latest(name);
        if (latest == null) {
          if (current != null && current.cached() != null && cluster.ready()) {
            LOG.info("lexica model [{}]: deleted from the cluster", name);
            serve(null);
          }
          return;
        }
        if (current != null && latest.equals(current.id())) {
          return;
        }
        next = openRemote(cluster, latest);
        if (next == null) {
          return; // logged; the current version keeps serving
        }
      }
      serve(next);
    }

    /** Makes {@code next} (null: none) the version requests get, unless the model was closed. */
    private synchronized void serve(Version next) {
      if (closed) {
        if (next != null) {
          next.decRef(remote);
        }
        return;
      }
      Version old = current;
      current = next;
      if (old != null) {
        old.decRef(remote);
      }
    }

    /** Copies and opens a cluster version; null (logged) when that fails and another serves. */
    private Version openRemote(RemoteModels cluster, String id) {
      Path local;
      try {
        local = cluster.materialize(name, id);
      } catch (IOException | RuntimeException e) {
        String message =
            "lexica model [" + name + "] cannot be copied from the cluster: " + e.getMessage();
        LOG.warn(message, e);
        if (current == null) {
          throw new IllegalArgumentException(message);
        }
        return null;
      }
      try {
        Version v = new Version(openModel(name, local), id, local);
        LOG.info("lexica model [{}]: serving version {} from the cluster", name, id);
        return v;
      } catch (IllegalArgumentException e) {
        cluster.release(local);
        if (current == null) {
          throw e;
        }
        return null;
      }
    }

    private <T> T call(Function<Embeddings, T> op) {
      Version v = acquire();
      try {
        return op.apply(v.model);
      } catch (RuntimeException e) {
        String message = "lexica model [" + name + "] failed: " + e;
        LOG.warn(message, e);
        throw new IllegalStateException(message);
      } finally {
        v.decRef(remote);
      }
    }

    @Override
    public int dimension() {
      return call(Embeddings::dimension);
    }

    @Override
    public int size() {
      return call(Embeddings::size);
    }

    @Override
    public boolean contains(String word) {
      return call(m -> m.contains(word));
    }

    @Override
    public float[] unitVector(String word) {
      return call(m -> m.unitVector(word));
    }

    @Override
    public long count(String word) {
      return call(m -> m.count(word));
    }

    @Override
    public long totalCount() {
      return call(Embeddings::totalCount);
    }

    @Override
    public Map<String, String> metadata() {
      return call(Embeddings::metadata);
    }

    @Override
    public List<Neighbor> nearest(
        float[] unitQuery, int k, float minSimilarity, Set<String> exclude) {
      return call(m -> m.nearest(unitQuery, k, minSimilarity, exclude));
    }

    /** One version answers both the word's vector and its neighbours. */
    @Override
    public List<Neighbor> nearest(String word, int k, float minSimilarity) {
      return call(m -> m.nearest(word, k, minSimilarity));
    }

    @Override
    public float similarity(String a, String b) {
      return call(m -> m.similarity(a, b));
    }

    @Override
    public synchronized void close() {
      if (!closed) {
        closed = true;
        if (current != null) {
          current.decRef(remote);
        }
      }
    }
  }

  /** Closes every open model; later calls to {@link #get} open them again. */
  @Override
  public void close() throws IOException {
    List<LiveModel> models = new ArrayList<>(open.values());
    open.clear();
    IOException first = null;
    for (LiveModel m : models) {
      try {
        m.close();
      } catch (RuntimeException e) {
        if (first == null) {
          first = new IOException("closing a lexica model failed", e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
