package io.lexica.expand;

import io.lexica.corpus.Analysis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;

/**
 * The indexed terms of a field's documents, read at query time for pseudo-relevance feedback (a
 * relevance model counts them) and query-local models (trained on their order). Reading a handful
 * of top-ranked documents must cost microseconds, so the terms come from the index, never from
 * re-analysing the collection: from {@linkplain #termVectors term vectors} (with positions, in
 * order; without, as a bag), from a forward index built once by inverting the postings ({@link
 * io.lexica.corpus.ForwardIndex}), or by {@linkplain #reanalysed re-analysing} the stored text of
 * just the documents asked for; {@link TargetIndex} picks one.
 *
 * <p>Implementations are thread-safe.
 */
interface FeedbackDocuments {
  /**
   * The terms of document {@code doc} (a top-level document number) in position order, {@code null}
   * at positions without a term (removed stop words); empty when the document has none. Without
   * positions the order is the terms' order and there are no gaps.
   */
  List<String> terms(int doc);

  /** True when {@link #terms} gives the documents' word order (needed to train on them). */
  boolean ordered();

  /**
   * Terms read from term vectors of {@code field}: in position order when they have positions
   * (where several terms share a position, the one with more occurrences in the document is kept,
   * ties to the first in term order).
   */
  static FeedbackDocuments termVectors(IndexReader reader, String field) {
    boolean positions = termVectorsHavePositions(reader, field);
    return new FeedbackDocuments() {
      @Override
      public List<String> terms(int doc) {
        try {
          Terms tv = reader.termVectors().get(doc, field);
          return tv == null ? List.of() : read(tv);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public boolean ordered() {
        return positions;
      }
    };
  }

  /**
   * Terms made by re-analysing the stored values of {@code field} of just the documents asked for
   * (as the indexing chain assigns positions; where several terms share a position the first is
   * kept): for an index without term vectors, when a few documents are needed once (a command-line
   * query) and inverting the postings of the whole field would cost more.
   *
   * @param analyzer the field's analyzer
   */
  static FeedbackDocuments reanalysed(IndexReader reader, String field, Analyzer analyzer) {
    Set<String> only = Set.of(field);
    return new FeedbackDocuments() {
      @Override
      public List<String> terms(int doc) {
        List<String> values = new ArrayList<>();
        List<String> out = new ArrayList<>();
        try {
          for (IndexableField f : reader.storedFields().document(doc, only).getFields(field)) {
            if (f.stringValue() != null) {
              values.add(f.stringValue());
            }
          }
          Analysis.analyze(
              analyzer,
              field,
              values,
              (pos, term) -> {
                while (out.size() <= pos) {
                  out.add(null);
                }
                if (out.get(pos) == null) {
                  out.set(pos, term.utf8ToString());
                }
              });
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        return out;
      }

      @Override
      public boolean ordered() {
        return true;
      }
    };
  }

  /** True when the first document with term vectors for {@code field} has positions in them. */
  static boolean termVectorsHavePositions(IndexReader reader, String field) {
    try {
      for (int d = 0; d < reader.maxDoc(); d++) {
        Terms t = reader.termVectors().get(d, field);
        if (t != null) {
          return t.hasPositions();
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> read(Terms tv) throws IOException {
    List<String> out = new ArrayList<>();
    TermsEnum te = tv.iterator();
    if (!tv.hasPositions()) {
      for (BytesRef t = te.next(); t != null; t = te.next()) {
        String term = t.utf8ToString();
        for (long k = te.totalTermFreq(); k > 0; k--) {
          out.add(term);
        }
      }
      return out;
    }
    List<Integer> freqAt = new ArrayList<>();
    PostingsEnum pe = null;
    for (BytesRef t = te.next(); t != null; t = te.next()) {
      String term = null;
      pe = te.postings(pe, PostingsEnum.POSITIONS);
      pe.nextDoc();
      int freq = pe.freq();
      for (int k = 0; k < freq; k++) {
        int pos = pe.nextPosition();
        while (out.size() <= pos) {
          out.add(null);
          freqAt.add(0);
        }
        if (out.get(pos) == null || freqAt.get(pos) < freq) {
          out.set(pos, term == null ? term = t.utf8ToString() : term);
          freqAt.set(pos, freq);
        }
      }
    }
    return out;
  }
}
