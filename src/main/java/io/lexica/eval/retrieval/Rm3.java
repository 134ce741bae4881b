package io.lexica.eval.retrieval;

import io.lexica.LexicaException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;

/**
 * RM3 pseudo-relevance feedback as Anserini implements it (Rm3Reranker), so that our baseline is
 * theirs: from each of the top {@code fbDocs} documents, the {@code fbTerms} most frequent terms
 * (2-20 characters of [a-z0-9], in at most 10% of documents) form an L1-normalized document model;
 * the relevance model weighs each term by the sum over documents of its share times the document's
 * retrieval score, keeps the {@code fbTerms} best and normalizes to L1 = 1; the final query is
 * {@code originalWeight * q + (1 - originalWeight) * rm}, with q the first-pass query normalized to
 * mass 1. Immutable; thread-safe.
 *
 * @param fbDocs feedback documents
 * @param fbTerms feedback terms
 * @param originalWeight weight of the original query in the interpolation, in [0, 1]
 */
public record Rm3(int fbDocs, int fbTerms, float originalWeight) {
  /** Anserini's defaults: 10 documents, 10 terms, original query weight 0.5. */
  public static final Rm3 ANSERINI = new Rm3(10, 10, 0.5f);

  private static final double MAX_DOC_FREQ_RATIO = 0.1;

  public Rm3 {
    if (fbDocs < 1 || fbTerms < 1 || !(originalWeight >= 0 && originalWeight <= 1)) {
      throw new LexicaException(
          "RM3 needs at least 1 feedback document and term and an original query weight from 0"
              + " to 1, not "
              + fbDocs
              + ", "
              + fbTerms
              + " and "
              + originalWeight,
          "pass e.g. Anserini's 10 documents, 10 terms and weight 0.5");
    }
  }

  /**
   * The feedback query for a first-pass query and its results.
   *
   * @param firstPass the query that was run
   * @param firstPassMass the sum of the first pass's term weights (its L1 norm), by which it is
   *     divided so that it weighs as a unit-mass query model
   */
  public Query expand(CollectionIndex index, Query firstPass, double firstPassMass, TopDocs top) {
    Map<String, Double> rm = relevanceModel(index, top);
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    b.add(new BoostQuery(firstPass, (float) (originalWeight / firstPassMass)), Occur.SHOULD);
    if (!rm.isEmpty() && originalWeight < 1) {
      BooleanQuery.Builder fb = new BooleanQuery.Builder();
      rm.forEach(
          (t, w) ->
              fb.add(
                  new BoostQuery(
                      new org.apache.lucene.search.TermQuery(new Term(CollectionIndex.FIELD, t)),
                      (float) ((1 - originalWeight) * w)),
                  Occur.SHOULD));
      b.add(fb.build(), Occur.SHOULD);
    }
    return b.build();
  }

  /** The relevance model: term to weight, L1 = 1, at most {@code fbTerms} terms. */
  Map<String, Double> relevanceModel(CollectionIndex index, TopDocs top) {
    IndexReader reader = index.reader();
    int n = Math.min(fbDocs, top.scoreDocs.length);
    List<Map<String, Double>> docModels = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      docModels.add(docModel(reader, top.scoreDocs[i]));
    }
    Map<String, Double> rm = new HashMap<>();
    for (int i = 0; i < n; i++) {
      Map<String, Double> dm = docModels.get(i);
      double norm = dm.values().stream().mapToDouble(Double::doubleValue).sum();
      if (norm <= 0.001) {
        continue;
      }
      float score = top.scoreDocs[i].score;
      dm.forEach((t, tf) -> rm.merge(t, tf / norm * score, Double::sum));
    }
    return normalized(topN(rm, fbTerms));
  }

  private Map<String, Double> docModel(IndexReader reader, ScoreDoc sd) {
    Map<String, Double> tf = new HashMap<>();
    try {
      Terms terms = reader.termVectors().get(sd.doc, CollectionIndex.FIELD);
      if (terms == null) {
        return tf;
      }
      int numDocs = reader.numDocs();
      TermsEnum te = terms.iterator();
      BytesRef text;
      while ((text = te.next()) != null) {
        String term = text.utf8ToString();
        if (term.length() < 2 || term.length() > 20 || !isAsciiLowerAlnum(term)) {
          continue;
        }
        int df = reader.docFreq(new Term(CollectionIndex.FIELD, text));
        if ((double) df / numDocs > MAX_DOC_FREQ_RATIO) {
          continue;
        }
        tf.put(term, (double) te.totalTermFreq());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return topN(tf, fbTerms);
  }

  private static boolean isAsciiLowerAlnum(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
        return false;
      }
    }
    return true;
  }

  /** The n highest-weighted entries (ties by term, for determinism). */
  static Map<String, Double> topN(Map<String, Double> m, int n) {
    List<Map.Entry<String, Double>> e = new ArrayList<>(m.entrySet());
    e.sort(
        Map.Entry.<String, Double>comparingByValue()
            .reversed()
            .thenComparing(Map.Entry.comparingByKey()));
    Map<String, Double> out = new LinkedHashMap<>();
    for (int i = 0; i < Math.min(n, e.size()); i++) {
      out.put(e.get(i).getKey(), e.get(i).getValue());
    }
    return out;
  }

  private static Map<String, Double> normalized(Map<String, Double> m) {
    double sum = m.values().stream().mapToDouble(Double::doubleValue).sum();
    Map<String, Double> out = new LinkedHashMap<>();
    if (sum > 0) {
      m.forEach((t, w) -> out.put(t, w / sum));
    }
    return out;
  }
}
