package io.lexica.corpus;

import io.lexica.util.TempDirectory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Collects token-id sequences into an {@link EncodedCorpus}. Callers pass each document's tokens in
 * position order as vocabulary ids, {@link EncodedCorpus#GAP} for removed positions, or {@link
 * #DROPPED} for tokens outside the vocabulary. The builder drops those, trims gaps at sequence ends
 * and cuts long documents into sequences of at most {@code maxSequenceLength}.
 *
 * <p>The corpus is held in memory up to a limit ({@link #memoryLimit(long, Path)}, default a
 * quarter of the maximum heap); past it the entries are spilled to a temporary file (deleted when
 * the corpus is closed or the JVM exits) and the built corpus reads them from there.
 *
 * <p>Not thread-safe: one builder per producing thread, or synchronize.
 */
public final class CorpusBuilder {
  /** A token that exists but is not in the vocabulary: removed without leaving a gap. */
  public static final int DROPPED = -2;

  /** What the spilled file is, for error messages. */
  private static final String SPILL_PURPOSE = "corpus files (raise --corpus-memory to spill less)";

  /** word2vec's MAX_SENTENCE_LENGTH. */
  public static final int DEFAULT_MAX_SEQUENCE_LENGTH = 1000;

  private final Vocabulary vocabulary;
  private final int maxSequenceLength;
  private int[] tokens = new int[1 << 16];
  private long[] offsets = new long[1 << 10];
  private int size; // entries in tokens
  private long base; // entries spilled before tokens[0]
  private int sequences;
  private long wordTokens;
  private long memoryLimitBytes = Runtime.getRuntime().maxMemory() / 4;
  private Path spillDir;
  private TempDirectory spillDirectory;
  private Path spillFile;
  private FileChannel spill;

  /**
   * A builder of a corpus over {@code vocabulary} that cuts longer documents into sequences of at
   * most {@code maxSequenceLength} entries (word2vec's reader cuts at 1,000 words too; a bound
   * keeps the trainers' buffers small).
   *
   * @param vocabulary the vocabulary the ids refer to
   * @param maxSequenceLength the longest sequence, at least 2
   * @throws IllegalArgumentException when {@code maxSequenceLength < 2}
   */
  public CorpusBuilder(Vocabulary vocabulary, int maxSequenceLength) {
    if (maxSequenceLength < 2) {
      throw new IllegalArgumentException("maxSequenceLength must be at least 2");
    }
    this.vocabulary = vocabulary;
    this.maxSequenceLength = maxSequenceLength;
  }

  /**
   * A builder with the default longest sequence ({@value #DEFAULT_MAX_SEQUENCE_LENGTH} entries).
   *
   * @param vocabulary the vocabulary the ids refer to
   */
  public CorpusBuilder(Vocabulary vocabulary) {
    this(vocabulary, DEFAULT_MAX_SEQUENCE_LENGTH);
  }

  /**
   * Spills to a temporary file in {@code dir} (null: the system temporary directory) once the
   * in-memory entries exceed {@code bytes}.
   *
   * @param bytes the in-memory budget for entries
   * @param dir where the temporary file goes, or null
   * @return this builder
   */
  public CorpusBuilder memoryLimit(long bytes, Path dir) {
    if (bytes < 1) {
      throw new IllegalArgumentException("memory limit must be positive");
    }
    this.memoryLimitBytes = bytes;
    this.spillDir = dir;
    return this;
  }

  /**
   * True once entries have been written to the temporary file.
   *
   * @return whether the corpus lives (partly) in a temporary file
   */
  public boolean spilled() {
    return spill != null;
  }

  /**
   * Adds one document: {@code ids[0..length)} in position order.
   *
   * @param ids word ids, {@link EncodedCorpus#GAP} and {@link #DROPPED} entries, as the class
   *     summary says
   * @param length the number of entries to add
   */
  public void addDocument(int[] ids, int length) {
    addDocument(ids, 0, length);
  }

  /**
   * Adds one document: {@code ids[offset, offset + length)} in position order.
   *
   * @param ids word ids, {@link EncodedCorpus#GAP} and {@link #DROPPED} entries, as the class
   *     summary says
   * @param offset where the document starts in {@code ids}
   * @param length the number of entries to add
   */
  public void addDocument(int[] ids, int offset, int length) {
    int start = -1; // start of the current sequence in tokens, -1 when none is open
    int pendingGaps = 0;
    for (int i = offset, end = offset + length; i < end; i++) {
      int id = ids[i];
      if (id == DROPPED) {
        continue;
      }
      if (id == EncodedCorpus.GAP) {
        if (start >= 0) {
          pendingGaps++;
        }
        continue;
      }
      if (id < 0 || id >= vocabulary.size()) {
        throw new IllegalArgumentException("token id out of range: " + id);
      }
      if (start < 0) {
        start = openSequence();
        pendingGaps = 0;
      }
      if (size - start + pendingGaps + 1 > maxSequenceLength) {
        closeSequence(start);
        start = openSequence();
        pendingGaps = 0;
      }
      for (; pendingGaps > 0; pendingGaps--) {
        append(EncodedCorpus.GAP);
      }
      append(id);
      wordTokens++;
    }
    if (start >= 0) {
      closeSequence(start);
    }
    if (4L * size > memoryLimitBytes) {
      spill();
    }
  }

  /** Moves the buffered entries to the temporary file; sequences are closed at this point. */
  private void spill() {
    try {
      if (spill == null) {
        spillDirectory = TempDirectory.create(spillDir, "lexica-corpus-", SPILL_PURPOSE);
        spillFile = spillDirectory.path().resolve("corpus.ints");
        spill =
            FileChannel.open(
                spillFile,
                StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE);
      }
      ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < size; ) {
        buf.clear();
        int n = Math.min(size - i, buf.capacity() / 4);
        buf.asIntBuffer().put(tokens, i, n);
        buf.limit(n * 4);
        while (buf.hasRemaining()) {
          spill.write(buf);
        }
        i += n;
      }
      base += size;
      size = 0;
    } catch (IOException e) {
      throw TempDirectory.failure(spillFile, SPILL_PURPOSE, e);
    }
  }

  private int openSequence() {
    return size;
  }

  private void closeSequence(int start) {
    if (size == start) {
      return;
    }
    if (sequences + 2 > offsets.length) {
      offsets = Arrays.copyOf(offsets, offsets.length * 2);
    }
    offsets[sequences] = base + start;
    sequences++;
    offsets[sequences] = base + size;
  }

  private void append(int id) {
    if (size == tokens.length) {
      if (tokens.length == Integer.MAX_VALUE - 8) {
        throw new IllegalStateException("corpus too large for memory; use a spilled corpus");
      }
      tokens = Arrays.copyOf(tokens, (int) Math.min(Integer.MAX_VALUE - 8, tokens.length * 2L));
    }
    tokens[size++] = id;
  }

  /**
   * Number of word tokens added so far.
   *
   * @return the count of word ids added, gaps not counted
   */
  public long tokenCount() {
    return wordTokens;
  }

  /**
   * The finished corpus; the builder must not be used afterwards. Close the corpus to delete its
   * temporary file when it spilled.
   *
   * @return the corpus; close it when done
   */
  public EncodedCorpus build() {
    long[] off = Arrays.copyOf(offsets, sequences + 1);
    if (spill != null) {
      spill();
      tokens = null;
      return new SpilledCorpus(
          vocabulary, spill, spillDirectory, spillFile, off, wordTokens, maxSequenceLength);
    }
    return new InMemoryCorpus(
        vocabulary, Arrays.copyOf(tokens, size), off, wordTokens, maxSequenceLength);
  }
}
