package io.lexica.expand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.ScoreDoc;

/**
 * A relevance model (RM1, Lavrenko and Croft 2001) estimated from the top documents of a first
 * pass, as Anserini's RM3 estimates it, so that the RM3 baseline is theirs: each of the top {@code
 * documents} documents gives an L1-normalised model of its {@code terms} most frequent terms; a
 * term weighs the sum over documents of its share times the document's retrieval score; the {@code
 * terms} best are kept and normalised to sum 1. Only terms of 2 to 20 letters or digits that occur
 * in at most {@value #MAX_DOC_FREQ_RATIO} of the documents count (Anserini: {@code [a-z0-9]}, which
 * is the same on lower-cased English). Stateless; thread-safe.
 */
final class RelevanceModel {
  /** Terms in more than this share of the documents are never feedback terms (Anserini's). */
  static final double MAX_DOC_FREQ_RATIO = 0.1;

  private RelevanceModel() {}

  /**
   * The relevance model: term to weight, summing to 1, at most {@code terms} terms, best first
   * (ties by term).
   */
  static Map<String, Double> estimate(
      ScoreDoc[] top,
      int documents,
      int terms,
      FeedbackDocuments docs,
      IndexReader reader,
      String field) {
    int n = Math.min(documents, top.length);
    Map<String, Boolean> allowed = new HashMap<>();
    Map<String, Double> rm = new HashMap<>();
    for (int i = 0; i < n; i++) {
      Map<String, Double> tf = new HashMap<>();
      for (String t : docs.terms(top[i].doc)) {
        if (t != null && allowed.computeIfAbsent(t, w -> allowed(w, reader, field))) {
          tf.merge(t, 1.0, Double::sum);
        }
      }
      Map<String, Double> dm = topN(tf, terms);
      double norm = dm.values().stream().mapToDouble(Double::doubleValue).sum();
      if (norm <= 0.001) {
        continue;
      }
      float score = top[i].score;
      dm.forEach((t, f) -> rm.merge(t, f / norm * score, Double::sum));
    }
    return normalized(topN(rm, terms));
  }

  private static boolean allowed(String term, IndexReader reader, String field) {
    int length = term.codePointCount(0, term.length());
    if (length < 2 || length > 20 || !term.codePoints().allMatch(Character::isLetterOrDigit)) {
      return false;
    }
    try {
      return reader.docFreq(new Term(field, term)) <= MAX_DOC_FREQ_RATIO * reader.numDocs();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The n highest-weighted entries, best first (ties by term, for determinism). */
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

  /** The map scaled to sum 1 (empty when it sums to 0). */
  static Map<String, Double> normalized(Map<String, Double> m) {
    double sum = m.values().stream().mapToDouble(Double::doubleValue).sum();
    Map<String, Double> out = new LinkedHashMap<>();
    if (sum > 0) {
      m.forEach((t, w) -> out.put(t, w / sum));
    }
    return out;
  }
}
