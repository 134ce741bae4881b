package io.lexica.vectors;

import io.lexica.LexicaException;
import io.lexica.util.AtomicOutput;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The n-gram bucket rows of a subword model: what gives a vector to a word never seen in training.
 * A word's n-gram vector is the mean of the rows of its n-grams' buckets ({@link Subwords}), as in
 * fastText's {@code getWordVector} for out-of-vocabulary words.
 *
 * <p>Rows may be stored densely (row {@code b} for bucket {@code b}, as in a fastText {@code .bin})
 * or sparsely: only the buckets some training word used, through a bucket-to-row map. A bucket
 * without a row counts as a zero vector (it was never trained; fastText would hold its random
 * initial value there, which is noise). The rows may live inside a larger array (a trainer's input
 * matrix) from row {@code firstRow} on, so that no copy is needed.
 *
 * <p>Immutable after construction (callers must not modify the array they passed); thread-safe.
 */
public final class SubwordMatrix {
  /** File name of the matrix inside a model directory (see {@link #write}). */
  public static final String FILE_NAME = "subwords.bin";

  private static final int MAGIC = 0x4C584E47; // "LXNG"

  /** Version 2 adds Lucene's checksum footer; version 1 files (no footer) are still read. */
  private static final int VERSION = 2;

  private static final int VERSION_WITHOUT_CHECKSUM = 1;

  private final Subwords subwords;
  private final int dimension;
  private final float[] data;
  private final long firstRow;
  private final int[] rowOfBucket;
  private final int rows;

  private SubwordMatrix(
      Subwords subwords, int dimension, float[] data, long firstRow, int[] rowOfBucket, int rows) {
    if (!subwords.enabled()) {
      throw new IllegalArgumentException("a subword matrix needs n-grams: " + subwords);
    }
    if ((firstRow + rows) * dimension > data.length) {
      throw new IllegalArgumentException(
          rows + " rows from row " + firstRow + " exceed the array of " + data.length + " floats");
    }
    this.subwords = subwords;
    this.dimension = dimension;
    this.data = data;
    this.firstRow = firstRow;
    this.rowOfBucket = rowOfBucket;
    this.rows = rows;
  }

  /**
   * Dense rows: bucket {@code b} is row {@code firstRow + b} of {@code data} (a fastText input
   * matrix has {@code firstRow = nwords}).
   *
   * @param subwords the n-gram scheme (buckets, lengths)
   * @param dimension the vector size
   * @param data the backing array; not copied
   * @param firstRow the row of bucket 0
   * @return a view over {@code data}
   */
  public static SubwordMatrix dense(Subwords subwords, int dimension, float[] data, long firstRow) {
    return new SubwordMatrix(subwords, dimension, data, firstRow, null, subwords.buckets());
  }

  /**
   * Sparse rows: bucket {@code b} is row {@code firstRow + rowOfBucket[b]}, or zero when {@code
   * rowOfBucket[b] < 0}.
   *
   * @param subwords the n-gram scheme (buckets, lengths)
   * @param dimension the vector size
   * @param data the backing array; not copied
   * @param firstRow the row of the first stored bucket
   * @param rowOfBucket {@code subwords.buckets()} entries; not copied
   * @return a view over {@code data}
   */
  public static SubwordMatrix sparse(
      Subwords subwords, int dimension, float[] data, long firstRow, int[] rowOfBucket) {
    if (rowOfBucket.length != subwords.buckets()) {
      throw new IllegalArgumentException("rowOfBucket must have one entry per bucket");
    }
    int rows = 0;
    for (int r : rowOfBucket) {
      rows = Math.max(rows, r + 1);
    }
    return new SubwordMatrix(subwords, dimension, data, firstRow, rowOfBucket, rows);
  }

  /**
   * The n-gram scheme.
   *
   * @return the scheme the buckets follow
   */
  public Subwords subwords() {
    return subwords;
  }

  /**
   * The vector size.
   *
   * @return floats a row
   */
  public int dimension() {
    return dimension;
  }

  /**
   * Number of stored rows: the bucket count when dense, the used buckets when sparse.
   *
   * @return the number of stored rows
   */
  public int storedRows() {
    return rows;
  }

  /**
   * Offset in {@link #array()} of bucket {@code b}'s row, or -1 when it has none (zero).
   *
   * @param bucket a bucket, below {@code subwords().buckets()}
   * @return the offset, or -1
   */
  public long offsetOf(int bucket) {
    int r = rowOfBucket == null ? bucket : rowOfBucket[bucket];
    return r < 0 ? -1 : (firstRow + r) * dimension;
  }

  /** The backing array; callers must not modify it. */
  float[] array() {
    return data;
  }

  /**
   * Adds the rows of {@code buckets} to {@code acc} (length {@link #dimension()}).
   *
   * @param buckets bucket ids, e.g. a word's n-grams from {@link Subwords}
   * @param acc the sum, updated in place
   * @return how many of the buckets have a stored row
   */
  public int addRows(int[] buckets, float[] acc) {
    int found = 0;
    for (int b : buckets) {
      long off = offsetOf(b);
      if (off >= 0) {
        int o = Math.toIntExact(off);
        for (int i = 0; i < dimension; i++) {
          acc[i] += data[o + i];
        }
        found++;
      }
    }
    return found;
  }

  /**
   * The word's vector from its n-grams alone (fastText's vector for an unknown word): the mean of
   * its n-gram rows, rows never trained counting as zeros. Null when the word has no n-gram with a
   * stored row.
   *
   * @param word any word
   * @return a new array, or null
   */
  public float[] vector(String word) {
    int[] buckets = subwords.buckets(word);
    float[] v = new float[dimension];
    if (addRows(buckets, v) == 0) {
      return null;
    }
    float inv = 1f / buckets.length;
    for (int i = 0; i < dimension; i++) {
      v[i] *= inv;
    }
    return v;
  }

  /**
   * Writes the matrix to {@code file} (via {@link AtomicOutput}) in Lexica's compact format, all
   * little-endian: int32 magic "LXNG", version, minn, maxn, buckets, dimension, stored-row count;
   * the stored rows' buckets (int32, ascending); then their rows (float32); then Lucene's codec
   * footer (see {@link LittleEndianFile#writeChecksumFooter}), so that {@code lexica model check}
   * verifies this file's checksum as it does the Lucene files beside it. Dense matrices are written
   * with every bucket.
   *
   * @param file the file; written beside and moved in atomically
   * @throws io.lexica.LexicaException when the file cannot be written
   */
  public void write(Path file) {
    try (AtomicOutput out = AtomicOutput.file(file)) {
      try (LittleEndianFile f = LittleEndianFile.openForWriting(out.path())) {
        int stored = 0;
        for (int b = 0; b < subwords.buckets(); b++) {
          stored += offsetOf(b) >= 0 ? 1 : 0;
        }
        for (int x :
            new int[] {
              MAGIC,
              VERSION,
              subwords.minn(),
              subwords.maxn(),
              subwords.buckets(),
              dimension,
              stored
            }) {
          f.writeInt(x);
        }
        for (int b = 0; b < subwords.buckets(); b++) {
          if (offsetOf(b) >= 0) {
            f.writeInt(b);
          }
        }
        for (int b = 0; b < subwords.buckets(); b++) {
          long off = offsetOf(b);
          if (off >= 0) {
            f.writeFloats(data, off, dimension);
          }
        }
        f.writeChecksumFooter();
      } catch (IOException e) {
        throw new LexicaException(
            "cannot write " + file + ": " + e.getMessage(), "check free disk space", e);
      }
      out.commit();
    }
  }

  /**
   * Reads a matrix written by {@link #write}, checking its structure (header, bucket ids, length)
   * and, through the {@link RowCheck}, that its values are finite. The checksum is not verified
   * here, as Lucene does not verify large files on open: {@link #hasChecksum} and Lucene's {@code
   * CodecUtil.checksumEntireFile} do, in {@code lexica model check}.
   *
   * @param file a file {@link #write} wrote
   * @return a dense-or-sparse matrix backed by a new array
   * @throws io.lexica.LexicaException when the file is missing, damaged or holds a non-finite value
   */
  public static SubwordMatrix read(Path file) {
    try (LittleEndianFile f = LittleEndianFile.openForReading(file)) {
      int version = f.readInt() == MAGIC ? f.readInt() : -1;
      if (version != VERSION && version != VERSION_WITHOUT_CHECKSUM) {
        throw new LexicaException(
            file + " is not a Lexica subword matrix (versions 1 and " + VERSION + ")",
            "write it again with this version of Lexica");
      }
      Subwords sw = new Subwords(f.readInt(), f.readInt(), f.readInt());
      int dim = f.readInt();
      int stored = f.readInt();
      if (dim <= 0 || stored < 0 || stored > sw.buckets()) {
        throw new LexicaException(
            file + " has a corrupt header (dim " + dim + ", rows " + stored + ")",
            "write it again");
      }
      int[] rowOfBucket = new int[sw.buckets()];
      Arrays.fill(rowOfBucket, -1);
      for (int r = 0; r < stored; r++) {
        int b = f.readInt();
        if (b < 0 || b >= sw.buckets() || rowOfBucket[b] >= 0) {
          throw new LexicaException(file + " has a corrupt bucket id " + b, "write it again");
        }
        rowOfBucket[b] = r;
      }
      float[] data = new float[Math.multiplyExact(stored, dim)];
      f.readFloats(data, 0, data.length);
      RowCheck check = new RowCheck(file.toString(), "n-gram row", false);
      for (int r = 0; r < stored; r++) {
        check.requireFinite(null, data, r * dim, dim, r + 1);
      }
      if ((version == VERSION && !f.readChecksumFooter()) || !f.atEnd()) {
        throw new LexicaException(
            file + " is corrupt: it does not end where its header says", "write it again");
      }
      return sparse(sw, dim, data, 0, rowOfBucket);
    } catch (EOFException e) {
      throw new LexicaException(file + " is truncated", "write it again", e);
    } catch (IOException e) {
      throw new LexicaException("cannot read " + file + ": " + e.getMessage(), "", e);
    }
  }

  /**
   * Whether the file ends in a checksum footer (version 2 on); files of version 1 have none, and
   * only their structure can be checked.
   *
   * @param file a file {@link #write} wrote
   * @return true for version 2 on
   * @throws java.io.IOException when the file cannot be read
   */
  public static boolean hasChecksum(Path file) throws IOException {
    try (LittleEndianFile f = LittleEndianFile.openForReading(file)) {
      return f.readInt() == MAGIC && f.readInt() >= VERSION;
    } catch (EOFException e) {
      return false;
    }
  }
}
