package io.lexica.opensearch;

import io.lexica.LexicaException;
import io.lexica.vectors.Embeddings;
import io.lexica.vectors.Neighbor;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The models of one OpenSearch node: directories under {@code <config>/lexica/<name>/}, each opened
 * on first use and then shared by every index, query and request on the node until the node stops.
 *
 * <p>A model that is missing or cannot be opened gives an {@link IllegalArgumentException} (which
 * OpenSearch answers with 400) naming the model, the directory and the fix; the failure is not
 * remembered, so installing the model makes the next request succeed without a restart. Errors
 * carry no Lucene exception as cause (see {@link Guarded}); the node log has the details.
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
     * @throws IOException or {@link LexicaException} when the directory holds no readable model
     */
    Embeddings open(Path dir) throws IOException;
  }

  private static final Logger LOG = LogManager.getLogger(ModelRegistry.class);

  private final Path root;
  private final ModelLoader loader;
  private final Map<String, Embeddings> open = new ConcurrentHashMap<>();

  /**
   * @param configDir the node's config directory; models live in its {@value #MODELS_DIR} folder
   */
  public ModelRegistry(Path configDir, ModelLoader loader) {
    this.root = configDir.resolve(MODELS_DIR).toAbsolutePath().normalize();
    this.loader = loader;
  }

  /** The folder that holds this node's models. */
  public Path root() {
    return root;
  }

  /**
   * The model called {@code name}, opened now if it is not open yet.
   *
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

  private Embeddings load(String name) {
    Path dir = root.resolve(name);
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(
          "lexica model ["
              + name
              + "] not found: there is no folder "
              + dir
              + "; train or copy the model there on every node (see the Lexica README)");
    }
    String problem;
    try {
      return new Guarded(name, loader.open(dir));
    } catch (LexicaException e) {
      problem = e.describe();
    } catch (IOException | RuntimeException e) {
      problem = e + "\n  fix: replace it with a complete model written by `lexica train`";
    }
    String message = "lexica model [" + name + "] in " + dir + " cannot be opened: " + problem;
    LOG.warn(message);
    throw new IllegalArgumentException(message); // no cause: see Guarded
  }

  /**
   * A model whose failures reach OpenSearch as plain messages. Why: OpenSearch fails (and
   * reallocates) an index shard when a search on it throws an exception caused by a Lucene
   * corruption exception, and a broken model is a Lucene index too; its corruption must not be
   * mistaken for the shard's. So causes are logged here and never chained.
   */
  private static final class Guarded implements Embeddings {
    private final String name;
    private final Embeddings model;

    Guarded(String name, Embeddings model) {
      this.name = name;
      this.model = model;
    }

    private IllegalStateException failed(RuntimeException e) {
      String message = "lexica model [" + name + "] failed: " + e;
      LOG.warn(message, e);
      return new IllegalStateException(message);
    }

    @Override
    public int dimension() {
      return model.dimension();
    }

    @Override
    public int size() {
      return model.size();
    }

    @Override
    public boolean contains(String word) {
      try {
        return model.contains(word);
      } catch (RuntimeException e) {
        throw failed(e);
      }
    }

    @Override
    public float[] unitVector(String word) {
      try {
        return model.unitVector(word);
      } catch (RuntimeException e) {
        throw failed(e);
      }
    }

    @Override
    public long count(String word) {
      try {
        return model.count(word);
      } catch (RuntimeException e) {
        throw failed(e);
      }
    }

    @Override
    public long totalCount() {
      try {
        return model.totalCount();
      } catch (RuntimeException e) {
        throw failed(e);
      }
    }

    @Override
    public Map<String, String> metadata() {
      return model.metadata();
    }

    @Override
    public List<Neighbor> nearest(
        float[] unitQuery, int k, float minSimilarity, Set<String> exclude) {
      try {
        return model.nearest(unitQuery, k, minSimilarity, exclude);
      } catch (RuntimeException e) {
        throw failed(e);
      }
    }

    @Override
    public void close() {
      model.close();
    }
  }

  /** Closes every open model; later calls to {@link #get} open them again. */
  @Override
  public void close() throws IOException {
    List<Embeddings> models = new ArrayList<>(open.values());
    open.clear();
    IOException first = null;
    for (Embeddings m : models) {
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
