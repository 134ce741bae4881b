package io.lexica.corpus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.index.DirectoryReader;

/**
 * One field of every document of an index as term ids in position order, held in memory: what an
 * index without term vectors offers instead of them when a query needs the text of a few documents
 * (pseudo-relevance feedback, query-local models). Built once by replaying the index as {@link
 * IndexCorpusReader} does (postings inversion when positions are indexed, else term vectors, else
 * re-analysis with the recorded analyzer), so that looking a document up costs an array copy. It
 * takes 4 bytes per position of the field (a collection of 3,000 abstracts: under 1 MB).
 *
 * <p>Immutable; thread-safe.
 */
public final class ForwardIndex {
  private final Vocabulary vocabulary;
  private final int[] tokens;
  private final int[] start; // document d is tokens[start[d], start[d + 1])

  private ForwardIndex(Vocabulary vocabulary, int[] tokens, int[] start) {
    this.vocabulary = vocabulary;
    this.tokens = tokens;
    this.start = start;
  }

  /**
   * Reads {@code field} of all live documents of {@code reader} (which stays open and is only read)
   * on {@code threads} threads.
   *
   * @param reader the index
   * @param field the field to read; it needs positions (postings or term vectors)
   * @param threads the threads inverting the postings
   * @return the forward index, in memory
   */
  public static ForwardIndex build(DirectoryReader reader, String field, int threads) {
    IndexCorpusReader source =
        IndexCorpusReader.of(reader, null).fields(List.of(field)).threads(threads);
    Vocabulary vocabulary = source.vocabulary();
    int maxDoc = reader.maxDoc();
    int[] start = new int[maxDoc + 1];
    int[][] buffer = {new int[1 << 12]};
    int[] size = {0};
    int[] last = {-1};
    source.forEachDocument(
        vocabulary,
        (doc, f, ids, offset, length) -> {
          for (int d = last[0] + 1; d <= doc; d++) {
            start[d] = size[0];
          }
          last[0] = doc;
          if (size[0] + length > buffer[0].length) {
            buffer[0] = Arrays.copyOf(buffer[0], Math.max(size[0] + length, 2 * buffer[0].length));
          }
          System.arraycopy(ids, offset, buffer[0], size[0], length);
          size[0] += length;
        });
    for (int d = last[0] + 1; d <= maxDoc; d++) {
      start[d] = size[0];
    }
    return new ForwardIndex(vocabulary, Arrays.copyOf(buffer[0], size[0]), start);
  }

  /**
   * The terms of document {@code doc} in position order, null at positions without a term; empty
   * for deleted documents and documents without the field.
   *
   * @param doc a document id of the reader it was built from
   * @return an unmodifiable list, one slot a position
   */
  public List<String> terms(int doc) {
    List<String> out = new ArrayList<>(start[doc + 1] - start[doc]);
    for (int i = start[doc]; i < start[doc + 1]; i++) {
      int id = tokens[i];
      out.add(id >= 0 ? vocabulary.word(id) : null);
    }
    return out;
  }

  /**
   * Positions held, over all documents (gaps included).
   *
   * @return the number of positions held, a measure of its memory
   */
  public long positions() {
    return tokens.length;
  }
}
