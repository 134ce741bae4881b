package io.lexica.corpus;

/**
 * Receives reconstructed documents in order, one field at a time: {@code ids[offset, offset +
 * length)} by position, each a vocabulary id, {@link EncodedCorpus#GAP} (no token at that position)
 * or {@link CorpusBuilder#DROPPED} (a token outside the vocabulary). The array is reused after the
 * call returns. Called from one thread at a time.
 */
@FunctionalInterface
public interface DocumentVisitor {
  /**
   * Receives one document (one field value) encoded against the vocabulary.
   *
   * @param doc the document's number in its source (Lucene doc id, or line number)
   * @param field index of the field in the list the source reads (0 for text files)
   * @param ids the buffer holding the document's entries, as the interface's summary says; reused
   *     after the call, so copy what you keep
   * @param offset where the document starts in {@code ids}
   * @param length the number of entries
   */
  void accept(int doc, int field, int[] ids, int offset, int length);
}
