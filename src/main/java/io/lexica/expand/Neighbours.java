package io.lexica.expand;

import io.lexica.vectors.Embeddings;
import io.lexica.vectors.Neighbor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.VectorUtil;

/**
 * Finds the index terms a model puts near a query's words, the embedding part of an expansion: per
 * query word, near the words' centroid, or near all of them jointly ({@link QueryExpander.Mode}),
 * keeping at most {@code k} per source that occur in the field within the document frequency bounds
 * and are not in the query, and at most {@code maxTerms} in all (the most similar). Each kept term
 * gets a share of the expansion: every source word (in centroid and joint mode: every query word)
 * contributes an equal part, divided among its terms in proportion to their score. A model word
 * that is one of its phrases ({@link PhraseClauses}) is kept as a phrase query over the field. The
 * same search {@linkplain #translations translates} the words of a cross-lingual query. Stateless
 * apart from its settings; thread-safe.
 */
final class Neighbours {
  /**
   * A query word: its index term, the model word it comes from, and whether it can grow; for one of
   * the model's phrases, the phrase query that finds it (and a term of its words, naming it).
   */
  record Source(Term term, String word, boolean inPlace, Query phrase) {
    Source(Term term, String word, boolean inPlace) {
      this(term, word, inPlace, null);
    }
  }

  /**
   * A kept neighbour.
   *
   * @param term the index term added, or for a phrase its words with spaces, naming it
   * @param phrase the phrase query of a phrase, else null
   * @param share its part of the expansion (the shares of all candidates sum to 1)
   */
  record Candidate(Term term, Query phrase, Source source, float similarity, double share) {
    /** The clause that adds it: its term query, or its phrase query. */
    Query clause() {
      return phrase != null ? phrase : new TermQuery(term);
    }
  }

  /** Sharpness of the similarity-to-relevance sigmoid of joint mode (Zamani and Croft 2016). */
  static final float JOINT_SLOPE = 10;

  /** Joint mode rescores this many times k of the centroid's nearest words. */
  static final int JOINT_POOL = 10;

  private final Embeddings embeddings;
  private final QueryExpander.Mode mode;
  private final int k;
  private final float minSimilarity;
  private final int maxTerms;
  private final int minDocFreq;
  private final double maxDocFreqRatio;
  private final boolean idfCentroid;
  private final PhraseClauses phrases;

  Neighbours(
      Embeddings embeddings,
      QueryExpander.Mode mode,
      int k,
      float minSimilarity,
      int maxTerms,
      int minDocFreq,
      double maxDocFreqRatio,
      boolean idfCentroid,
      PhraseClauses phrases) {
    this.embeddings = embeddings;
    this.phrases = phrases;
    this.idfCentroid = idfCentroid;
    this.mode = mode;
    this.k = k;
    this.minSimilarity = minSimilarity;
    this.maxTerms = maxTerms;
    this.minDocFreq = minDocFreq;
    this.maxDocFreqRatio = maxDocFreqRatio;
  }

  /**
   * The kept neighbours, most similar first.
   *
   * @param original the query's terms, never added
   * @param neighbourAnalyzer maps a model word to the index term (null: they are the same)
   */
  List<Candidate> find(
      List<Source> sources, Set<Term> original, IndexReader reader, Analyzer neighbourAnalyzer) {
    return find(sources, original, reader, neighbourAnalyzer, false);
  }

  /**
   * The translations of words of another language than the index's (a cross-lingual model's query
   * words): as {@link #find}, but every source word is looked up (it is not an index term, so it
   * has no document frequency and does not grow in place) and nothing is left out, since a word of
   * the index's own language is its own best translation.
   */
  List<Candidate> translations(
      List<Source> sources, IndexReader reader, Analyzer neighbourAnalyzer) {
    return find(sources, Set.of(), reader, neighbourAnalyzer, true);
  }

  private List<Candidate> find(
      List<Source> sources,
      Set<Term> original,
      IndexReader reader,
      Analyzer neighbourAnalyzer,
      boolean translate) {
    Map<Term, Candidate> best = new LinkedHashMap<>();
    if (mode == QueryExpander.Mode.PER_TERM) {
      Set<Source> seen = new HashSet<>();
      for (Source s : sources) {
        if (!seen.add(s) || !translate && (!s.inPlace || !inBounds(s, reader))) {
          continue;
        }
        offerNearest(
            best,
            s,
            embeddings.nearest(s.word, fetch(), minSimilarity),
            neighbourAnalyzer,
            original,
            reader);
      }
    } else {
      Map<String, List<Source>> byField = new LinkedHashMap<>();
      for (Source s : sources) {
        byField.computeIfAbsent(s.term.field(), f -> new ArrayList<>()).add(s);
      }
      for (List<Source> group : byField.values()) {
        List<float[]> vectors = vectors(group);
        float[] centroid = centroid(group, reader);
        if (centroid == null) {
          continue;
        }
        Source any = new Source(group.get(0).term, AddedTerm.CENTROID, false);
        Set<String> exclude = new HashSet<>();
        if (!translate) {
          group.forEach(s -> exclude.add(s.word));
        }
        List<Neighbor> near =
            mode == QueryExpander.Mode.JOINT
                ? joint(embeddings.nearest(centroid, JOINT_POOL * k, -1, exclude), vectors)
                : embeddings.nearest(centroid, fetch(), minSimilarity, exclude);
        offerNearest(best, any, near, neighbourAnalyzer, original, reader);
      }
    }
    List<Candidate> kept = new ArrayList<>(best.values());
    kept.sort(Comparator.comparingDouble((Candidate c) -> -c.similarity));
    if (kept.size() > maxTerms) {
      kept = kept.subList(0, maxTerms);
    }
    return shares(kept, sources);
  }

  /**
   * Joint mode: the words nearest the centroid, rescored by how close they are to every query word,
   * {@code prod_q sigmoid(a (cos(w, q) - minSimilarity))} (Zamani and Croft's embedding-based query
   * expansion, EQE1), rescaled to the geometric mean so that it reads as a similarity. A word close
   * to every query word is close to their centroid, so one search for a larger pool ({@value
   * #JOINT_POOL} times k) finds the candidates, whatever the query's length.
   */
  private List<Neighbor> joint(List<Neighbor> nearCentroid, List<float[]> vectors) {
    List<Neighbor> out = new ArrayList<>(nearCentroid.size());
    for (Neighbor n : nearCentroid) {
      float[] u = embeddings.unitVector(n.word());
      double logScore = 0;
      for (float[] v : vectors) {
        float cos = VectorUtil.dotProduct(u, v);
        logScore -= Math.log1p(Math.exp(-JOINT_SLOPE * (cos - minSimilarity)));
      }
      out.add(new Neighbor(n.word(), (float) Math.exp(logScore / vectors.size())));
    }
    out.sort(
        Comparator.comparingDouble((Neighbor n) -> -n.similarity()).thenComparing(Neighbor::word));
    return out;
  }

  /**
   * Neighbours looked up per source: more than k, because some are filtered out (absent from the
   * field, out of document frequency bounds, already in the query) and k should count kept ones.
   */
  private int fetch() {
    return 3 * k + 5;
  }

  /** Offers the nearest words of one source until k of them are kept. */
  private void offerNearest(
      Map<Term, Candidate> best,
      Source source,
      List<Neighbor> nearest,
      Analyzer neighbourAnalyzer,
      Set<Term> original,
      IndexReader reader) {
    int kept = 0;
    for (Neighbor n : nearest) {
      if (kept == k) {
        break;
      }
      if (offer(best, source, n, neighbourAnalyzer, original, reader)) {
        kept++;
      }
    }
  }

  /**
   * Keeps the neighbour as a candidate when it passes the filters (a word at a right angle or more
   * to the query is never related, whatever the minimum similarity); true when it does.
   */
  private boolean offer(
      Map<Term, Candidate> best,
      Source source,
      Neighbor n,
      Analyzer neighbourAnalyzer,
      Set<Term> original,
      IndexReader reader) {
    if (!(n.similarity() > 0)) {
      return false;
    }
    String field = source.term.field();
    Query phrase = null;
    String text;
    if (phrases.isPhrase(n.word())) {
      phrase = PhraseClauses.query(neighbourAnalyzer, field, n.word());
      text = phrase == null ? null : PhraseClauses.spaced(n.word());
    } else {
      text =
          neighbourAnalyzer == null
              ? n.word()
              : QueryExpander.singleToken(neighbourAnalyzer, field, n.word());
    }
    if (text == null) {
      return false;
    }
    Term t = new Term(field, text);
    if (original.contains(t)
        || !(phrase == null
            ? inBounds(t, reader)
            : PhraseClauses.inBounds(phrase, reader, minDocFreq))) {
      return false;
    }
    Candidate c = best.get(t);
    if (c == null || c.similarity < n.similarity()) {
      best.put(t, new Candidate(t, phrase, source, n.similarity(), 0));
    }
    return true;
  }

  /**
   * Each distinct source word contributes an equal part (in centroid and joint mode the one
   * centroid source takes it all), shared among its kept terms in proportion to their similarity; a
   * word without kept neighbours leaves its part unused.
   */
  private static List<Candidate> shares(List<Candidate> kept, List<Source> sources) {
    Map<String, Double> simSums = new LinkedHashMap<>();
    for (Candidate c : kept) {
      simSums.merge(c.source.word, (double) c.similarity, Double::sum);
    }
    Set<String> words = new HashSet<>();
    sources.forEach(s -> words.add(s.word));
    boolean centroid = simSums.containsKey(AddedTerm.CENTROID);
    int parts = centroid ? 1 : Math.max(1, words.size());
    List<Candidate> out = new ArrayList<>(kept.size());
    for (Candidate c : kept) {
      double share = c.similarity / simSums.get(c.source.word) / parts;
      out.add(new Candidate(c.term, c.phrase, c.source, c.similarity, share));
    }
    return out;
  }

  private List<float[]> vectors(List<Source> group) {
    List<float[]> out = new ArrayList<>();
    for (Source s : group) {
      float[] v = embeddings.unitVector(s.word);
      if (v != null) {
        out.add(v);
      }
    }
    return out;
  }

  /**
   * The query's centroid: the normalised sum of its words' unit vectors, each weighted by its
   * term's inverse document frequency {@code log(1 + N / df)} when asked (so that "articles" and
   * "interested" in a verbose query pull less than its topic words); null when no word has a vector
   * or they cancel out.
   */
  float[] centroid(List<Source> sources, IndexReader reader) {
    float[] sum = null;
    for (Source s : sources) {
      float[] v = embeddings.unitVector(s.word);
      if (v == null) {
        continue;
      }
      if (sum == null) {
        sum = new float[v.length];
      }
      float w = idfCentroid ? idf(s.term, reader) : 1f;
      for (int i = 0; i < v.length; i++) {
        sum[i] += w * v[i];
      }
    }
    if (sum == null) {
      return null;
    }
    double norm = 0;
    for (float x : sum) {
      norm += (double) x * x;
    }
    if (norm == 0) {
      return null;
    }
    float inv = (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < sum.length; i++) {
      sum[i] *= inv;
    }
    return sum;
  }

  private static float idf(Term t, IndexReader reader) {
    if (reader == null) {
      return 1f;
    }
    try {
      return (float) Math.log(1 + (double) reader.numDocs() / Math.max(1, reader.docFreq(t)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A query word's bounds: its term's, or for a phrase, its words'. */
  private boolean inBounds(Source s, IndexReader reader) {
    return s.phrase == null
        ? inBounds(s.term, reader)
        : PhraseClauses.inBounds(s.phrase, reader, minDocFreq);
  }

  /** True when the term's document frequency is within the bounds (always without a reader). */
  boolean inBounds(Term t, IndexReader reader) {
    if (reader == null) {
      return true;
    }
    try {
      int df = reader.docFreq(t);
      return df >= minDocFreq && df <= maxDocFreqRatio * reader.numDocs();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
