package io.lexica.expand;

import io.lexica.LexicaException;
import io.lexica.vectors.Embeddings;
import io.lexica.vectors.store.ModelFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The models of this JVM, shared by location, for the parts that are configured with a string (the
 * token filter factory, the CLI): a model is opened once per JVM and shared by all users of the
 * same (normalized) path, since models are large and {@link Embeddings} are thread-safe. Opening is
 * {@link ModelFiles#open}'s, which knows every format Lexica reads; other formats plug in as {@link
 * EmbeddingsLoader}s, asked first: the ones {@linkplain #register registered} in code, then the
 * ones found by {@link ServiceLoader}. Thread-safe.
 */
public final class Models {
  private static final List<EmbeddingsLoader> REGISTERED = new CopyOnWriteArrayList<>();
  private static final ConcurrentHashMap<Path, Embeddings> OPEN = new ConcurrentHashMap<>();

  private Models() {}

  /**
   * Adds a loader, asked before the ones found by ServiceLoader.
   *
   * @param loader the loader, asked first from now on (the last registered first)
   */
  public static void register(EmbeddingsLoader loader) {
    REGISTERED.add(0, loader);
  }

  /**
   * The shared model at {@code location}, opened on first use.
   *
   * @param location a model directory or vector file, relative to the working directory or absolute
   * @return the model, shared by every caller with the same absolute path; do not close it, use
   *     {@link #release}
   * @throws io.lexica.LexicaException when nothing is at {@code location} or no loader can read it
   */
  public static Embeddings open(String location) {
    Path path = Path.of(location).toAbsolutePath().normalize();
    if (!Files.exists(path)) {
      throw new LexicaException(
          "no model at " + path, "pass the path of a model directory or vector file");
    }
    return OPEN.computeIfAbsent(path, Models::openUnshared);
  }

  /**
   * Forgets a shared model (closing it), e.g. after it was rebuilt.
   *
   * @param location the location as given to {@link #open}
   */
  public static void release(String location) {
    Embeddings e = OPEN.remove(Path.of(location).toAbsolutePath().normalize());
    if (e != null) {
      e.close();
    }
  }

  /**
   * The model at {@code path} opened for one owner, not shared: the {@link EmbeddingsLoader}s are
   * asked first, as for {@link #open}, then {@link ModelFiles#open}. The facade's {@code
   * Model.open} opens models so, so that a plugged-in format works everywhere a model is named.
   *
   * @param path a model directory or vector file
   * @return the model; the caller closes it
   * @throws LexicaException when nothing readable is there
   */
  public static Embeddings openUnshared(Path path) {
    Iterable<EmbeddingsLoader> found = ServiceLoader.load(EmbeddingsLoader.class);
    for (Iterable<EmbeddingsLoader> loaders : List.of(REGISTERED, found)) {
      for (EmbeddingsLoader loader : loaders) {
        try {
          Embeddings e = loader.open(path);
          if (e != null) {
            return e;
          }
        } catch (IOException e) {
          throw new LexicaException(
              "cannot read the model at " + path + ": " + e.getMessage(),
              "check that it is a complete model or vector file of that loader's format",
              e);
        }
      }
    }
    return ModelFiles.open(path);
  }
}
