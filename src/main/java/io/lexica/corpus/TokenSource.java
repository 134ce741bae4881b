package io.lexica.corpus;

/**
 * Where analyzed tokens come from: a Lucene index ({@link IndexCorpusReader}) or plain text files
 * ({@link TextCorpusReader}). Gives the vocabulary with counts and replays the documents as id
 * sequences, so training corpora ({@link #encode}) and text exports ({@link CorpusExporter}) see
 * exactly the same tokens.
 */
public interface TokenSource {
  /** Every distinct token with its count and document frequency (prune it for training). */
  Vocabulary vocabulary();

  /** Replays every document, in a deterministic order, encoded against {@code vocabulary}. */
  void forEachDocument(Vocabulary vocabulary, DocumentVisitor visitor);

  /**
   * Encodes the documents against {@code vocabulary} into {@code builder} and returns the corpus.
   */
  default EncodedCorpus encode(Vocabulary vocabulary, CorpusBuilder builder) {
    forEachDocument(
        vocabulary, (doc, field, ids, offset, length) -> builder.addDocument(ids, offset, length));
    return builder.build();
  }
}
