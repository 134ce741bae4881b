package io.lexica.docs;

import java.io.IOException;
import java.util.List;
import java.util.function.IntPredicate;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;

/**
 * Document vectors from the terms an index holds rather than from stored text: a document vector is
 * a weighted mean, so the order of a document's words does not matter, and its terms with their
 * frequencies (the postings of the text fields) give the vector the analysed text gives. For
 * indexes that do not store their text. The terms are the index's own, made by the analyzer that
 * built it.
 *
 * <p>A range of documents is embedded in one pass over the fields' terms, each posting adding its
 * frequency times the term's weighted vector to the document's row.
 */
final class IndexedTerms {
  private IndexedTerms() {}

  /**
   * Vectors of documents {@code [from, to)} of {@code leaf}, entry {@code d - from}; entries of
   * documents {@code wanted} rejects are null.
   */
  static DocumentVector[] embed(
      DocumentEmbedder embedder,
      LeafReader leaf,
      List<String> fields,
      int from,
      int to,
      IntPredicate wanted)
      throws IOException {
    int dim = embedder.dimension();
    int n = to - from;
    float[] sums = new float[Math.multiplyExact(n, dim)];
    int[] tokens = new int[n];
    int[] known = new int[n];
    PostingsEnum postings = null;
    for (String field : fields) {
      Terms terms = leaf.terms(field);
      if (terms == null) {
        continue;
      }
      TermsEnum te = terms.iterator();
      for (BytesRef t = te.next(); t != null; t = te.next()) {
        float[] v = embedder.weightedVector(t.utf8ToString());
        postings = te.postings(postings, PostingsEnum.FREQS);
        for (int d = postings.advance(from); d < to; d = postings.nextDoc()) {
          int row = d - from;
          if (!wanted.test(d)) {
            continue;
          }
          int f = postings.freq();
          tokens[row] += f;
          if (v != null) {
            known[row] += f;
            int base = row * dim;
            for (int i = 0; i < dim; i++) {
              sums[base + i] += f * v[i];
            }
          }
        }
      }
    }
    DocumentVector[] out = new DocumentVector[n];
    for (int row = 0; row < n; row++) {
      if (wanted.test(from + row)) {
        float[] sum = new float[dim];
        System.arraycopy(sums, row * dim, sum, 0, dim);
        out[row] = embedder.finish(sum, tokens[row], known[row]);
      }
    }
    return out;
  }
}
