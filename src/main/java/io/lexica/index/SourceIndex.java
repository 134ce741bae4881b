package io.lexica.index;

import io.lexica.LexicaException;
import io.lexica.analysis.AnalyzerSpec;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * A user's index opened for reading only: never written, never locked (no {@code IndexWriter}
 * touches it), and never created (Lucene's {@code FSDirectory.open} would create a missing
 * directory, so its existence is checked first). Every way of opening fails with a {@link
 * LexicaException} that names the remedy: missing directory, no index there, too old or too new,
 * corrupt, unreadable.
 *
 * <p>Thread-safe for searching and reading, as Lucene's readers are. Close it when done.
 */
public final class SourceIndex implements Closeable {
  private final Path path;
  private final Directory directory;
  private final DirectoryReader reader;

  private SourceIndex(Path path, Directory directory, DirectoryReader reader) {
    this.path = path;
    this.directory = directory;
    this.reader = reader;
  }

  /**
   * Opens the index in {@code dir}.
   *
   * @param dir the index directory
   * @return the opened index; close it to release the reader
   * @throws io.lexica.LexicaException when the directory is missing, holds no index, or the index
   *     is too old, too new, corrupt or unreadable
   */
  public static SourceIndex open(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new LexicaException(
          "index directory " + dir + " does not exist",
          "check the --index path, or build an index with 'lexica index --input FILE --index "
              + dir
              + "'");
    }
    Directory directory = null;
    try {
      directory = FSDirectory.open(dir);
      if (!DirectoryReader.indexExists(directory)) {
        throw new LexicaException(
            dir + " is not a Lucene index (it has no segments_N file)",
            "point --index at the directory that holds the segments_N file, or build one with"
                + " 'lexica index'");
      }
      return new SourceIndex(dir, directory, DirectoryReader.open(directory));
    } catch (IndexFormatTooOldException | IndexFormatTooNewException e) {
      closeQuietly(directory);
      throw new LexicaException(
          "index " + dir + " was written by an unsupported Lucene version: " + e.getMessage(),
          "Lexica reads Lucene 9 and 10 indexes; upgrade older ones with Lucene's IndexUpgrader",
          e);
    } catch (CorruptIndexException e) {
      closeQuietly(directory);
      throw new LexicaException(
          "index " + dir + " is corrupt: " + e.getMessage(),
          "check it with Lucene's CheckIndex, or rebuild it",
          e);
    } catch (IOException e) {
      closeQuietly(directory);
      throw new LexicaException(
          "cannot read index " + dir + ": " + e.getMessage(),
          "check that the directory is a readable Lucene index",
          e);
    } catch (RuntimeException e) {
      closeQuietly(directory);
      throw e;
    }
  }

  /**
   * The index directory as given.
   *
   * @return the path
   */
  public Path path() {
    return path;
  }

  /**
   * The directory, opened read-only; closed by {@link #close()}.
   *
   * @return the Lucene directory
   */
  public Directory directory() {
    return directory;
  }

  /**
   * The reader of the latest commit, opened once; closed by {@link #close()}.
   *
   * @return the reader
   */
  public DirectoryReader reader() {
    return reader;
  }

  /**
   * The commit user data of the opened commit.
   *
   * @return an unmodifiable map, empty when the commit has none
   */
  public Map<String, String> userData() {
    try {
      return reader.getIndexCommit().getUserData();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The names of the index's fields, sorted.
   *
   * @return an unmodifiable sorted set of every field name in the index's segments
   */
  public SortedSet<String> fieldNames() {
    return fieldNames(reader);
  }

  /**
   * Fails unless the index has every field in {@code names}: a misspelt field otherwise reads as an
   * empty one (no tokens, no hits).
   *
   * @param names the fields a command needs
   * @param option the option that named the fields, for the remedy (e.g. "--field")
   * @throws LexicaException naming the first missing field and the fields the index has
   */
  public void requireFields(Collection<String> names, String option) {
    requireFields(reader, "index " + path, names, option);
  }

  /**
   * {@link #requireFields(Collection, String)} for an index a caller has open.
   *
   * @param reader the open reader
   * @param name the index as messages name it
   * @param names the fields a command needs
   * @param option the option that named the fields
   */
  public static void requireFields(
      IndexReader reader, String name, Collection<String> names, String option) {
    SortedSet<String> present = fieldNames(reader);
    for (String field : names) {
      if (!present.contains(field)) {
        // Lexica's own bookkeeping (such as Indexer.RUN) is no field a user means
        List<String> offered = present.stream().filter(f -> !f.startsWith("lexica.")).toList();
        throw new LexicaException(
            name + " has no field '" + field + "'",
            "pass "
                + option
                + " with one of its fields: "
                + (offered.isEmpty() ? "(none)" : String.join(", ", offered)));
      }
    }
  }

  private static SortedSet<String> fieldNames(IndexReader reader) {
    SortedSet<String> names = new TreeSet<>();
    FieldInfos.getMergedFieldInfos(reader).forEach(fi -> names.add(fi.name));
    return names;
  }

  /**
   * The analyzer recorded by {@code lexica index}, or null for indexes written by others.
   *
   * @return the spec, or null
   */
  public AnalyzerSpec recordedAnalyzer() {
    String spec = userData().get(AnalyzerSpec.USER_DATA_KEY);
    return spec == null ? null : AnalyzerSpec.parse(spec);
  }

  @Override
  public void close() {
    try {
      reader.close();
      directory.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void closeQuietly(Closeable c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException ignored) {
        // already failing
      }
    }
  }
}
