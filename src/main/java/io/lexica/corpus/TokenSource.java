package io.lexica.corpus;

/**
 * Where analyzed tokens come from: a Lucene index ({@link IndexCorpusReader}) or plain text files
 * ({@link TextCorpusReader}). Gives the vocabulary with counts and replays the documents as id
 * sequences, so training corpora ({@link #encode}) and text exports ({@link CorpusExporter}) see
 * exactly the same tokens.
 */
public interface TokenSource {
  /**
   * Every distinct token with its count and document frequency (prune it for training).
   *
   * @return the vocabulary of every token read, unpruned
   */
  Vocabulary vocabulary();

  /**
   * Replays every document, in a deterministic order, encoded against {@code vocabulary}.
   *
   * @param vocabulary the vocabulary to encode against; tokens it lacks become gaps
   * @param visitor receives each document, on the calling thread
   */
  void forEachDocument(Vocabulary vocabulary, DocumentVisitor visitor);

  /**
   * Encodes the documents against {@code vocabulary} into {@code builder} and returns the corpus.
   *
   * @param vocabulary the vocabulary to encode against
   * @param builder a builder over {@code vocabulary}
   * @return the built corpus; close it when done
   */
  default EncodedCorpus encode(Vocabulary vocabulary, CorpusBuilder builder) {
    forEachDocument(
        vocabulary, (doc, field, ids, offset, length) -> builder.addDocument(ids, offset, length));
    return builder.build();
  }
}
