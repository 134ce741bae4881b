package io.lexica.opensearch;

import io.lexica.docs.Fusion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BytesRef;

/**
 * The shard's part of a resolved {@code lexica_hybrid} query: the documents the fusion kept, found
 * by their {@code _id} terms, each scored with its fused score (computed once, over the whole
 * index, by {@link Fusion}); the explanation shows the text and the vector part of each.
 *
 * <p>Immutable; thread-safe.
 */
final class FusedHitsQuery extends Query {
  private final String idField;
  private final Map<BytesRef, LexicaHybridQueryBuilder.FusedHit> hits;
  private final Fusion fusion;
  private final float bestText;
  private final int depth;

  /**
   * @param hits by the term of their id in {@code idField}
   * @param bestText the text ranking's first score (weighted fusion divides by it)
   * @param depth how deep each ranking went
   */
  FusedHitsQuery(
      String idField,
      Map<BytesRef, LexicaHybridQueryBuilder.FusedHit> hits,
      Fusion fusion,
      float bestText,
      int depth) {
    this.idField = idField;
    this.hits = Map.copyOf(hits);
    this.fusion = fusion;
    this.bestText = bestText;
    this.depth = depth;
  }

  /** A segment's matching documents in order, with their hits. */
  private record Matches(int[] docs, LexicaHybridQueryBuilder.FusedHit[] hits, float maxScore) {
    int find(int doc) {
      return Arrays.binarySearch(docs, doc);
    }
  }

  private record Found(int doc, LexicaHybridQueryBuilder.FusedHit hit) {}

  private Matches fusedIn(LeafReaderContext context) throws IOException {
    Terms terms = context.reader().terms(idField);
    if (terms == null) {
      return null;
    }
    TermsEnum te = terms.iterator();
    PostingsEnum postings = null;
    List<Found> found = new ArrayList<>();
    for (Map.Entry<BytesRef, LexicaHybridQueryBuilder.FusedHit> e : hits.entrySet()) {
      if (te.seekExact(e.getKey())) {
        postings = te.postings(postings, PostingsEnum.NONE);
        for (int d = postings.nextDoc();
            d != DocIdSetIterator.NO_MORE_DOCS;
            d = postings.nextDoc()) {
          found.add(new Found(d, e.getValue()));
        }
      }
    }
    if (found.isEmpty()) {
      return null;
    }
    found.sort((a, b) -> Integer.compare(a.doc(), b.doc()));
    int[] docs = new int[found.size()];
    LexicaHybridQueryBuilder.FusedHit[] fused = new LexicaHybridQueryBuilder.FusedHit[docs.length];
    float max = 0;
    for (int i = 0; i < docs.length; i++) {
      docs[i] = found.get(i).doc();
      fused[i] = found.get(i).hit();
      max = Math.max(max, fused[i].score());
    }
    return new Matches(docs, fused, max);
  }

  @Override
  public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
    return new Weight(this) {
      @Override
      public ScorerSupplier scorerSupplier(LeafReaderContext context) throws IOException {
        Matches m = fusedIn(context);
        return m == null ? null : new DefaultScorerSupplier(new FusedScorer(m, boost));
      }

      @Override
      public Explanation explain(LeafReaderContext context, int doc) throws IOException {
        Matches m = fusedIn(context);
        int i = m == null ? -1 : m.find(doc);
        if (i < 0) {
          return Explanation.noMatch("not among the hits lexica_hybrid fused");
        }
        return explanation(m.hits()[i], boost);
      }

      @Override
      public boolean isCacheable(LeafReaderContext ctx) {
        return false; // one query's result, not worth caching
      }
    };
  }

  private Explanation explanation(LexicaHybridQueryBuilder.FusedHit hit, float boost) {
    Explanation text =
        part(
            "text part",
            "the text query",
            hit.textRank(),
            () -> fusion.textPart(hit.text(), bestText, hit.textRank()),
            () ->
                String.format(
                    Locale.ROOT,
                    "%s x score %s / best score %s",
                    (float) fusion.bm25Weight(),
                    hit.text(),
                    bestText));
    Explanation vector =
        part(
            "vector part",
            "lexica_knn",
            hit.vectorRank(),
            () -> fusion.vectorPart(hit.cosine(), hit.vectorRank()),
            () ->
                String.format(
                    Locale.ROOT,
                    "%s x cosine %s",
                    (float) (1 - fusion.bm25Weight()),
                    hit.cosine()));
    Explanation fused =
        Explanation.match(
            hit.score(), "lexica_hybrid, fusion " + fusion.spec() + ", sum of:", text, vector);
    return boost == 1f
        ? fused
        : Explanation.match(hit.score() * boost, "boost " + boost + " x", fused);
  }

  /**
   * One ranking's part of a fused score, computed by {@link Fusion} itself.
   *
   * @param rank the hit's rank in that ranking, 0 when it is not in its top {@code depth}
   * @param weighted how weighted fusion computes the part (RRF: from the rank)
   */
  private Explanation part(
      String name, String ranking, int rank, DoubleSupplier value, Supplier<String> weighted) {
    if (rank == 0) {
      return Explanation.match(0f, name + ": not in the top " + depth + " of " + ranking);
    }
    String how = fusion.kind() == Fusion.Kind.RRF ? "1 / (" + k() + " + rank)" : weighted.get();
    return Explanation.match(
        (float) value.getAsDouble(),
        String.format(Locale.ROOT, "%s: %s (rank %d of %s)", name, how, rank, ranking));
  }

  private String k() {
    return fusion.rrfK() == Math.rint(fusion.rrfK())
        ? Long.toString((long) fusion.rrfK())
        : Double.toString(fusion.rrfK());
  }

  /** Iterates a segment's matching documents with their fixed scores. */
  private static final class FusedScorer extends Scorer {
    private final Matches matches;
    private final float boost;
    private int i = -1;
    private final DocIdSetIterator iterator =
        new DocIdSetIterator() {
          @Override
          public int docID() {
            return FusedScorer.this.docID();
          }

          @Override
          public int nextDoc() {
            i++;
            return docID();
          }

          @Override
          public int advance(int target) {
            while (docID() < target) {
              i++;
            }
            return docID();
          }

          @Override
          public long cost() {
            return matches.docs().length;
          }
        };

    FusedScorer(Matches matches, float boost) {
      this.matches = matches;
      this.boost = boost;
    }

    @Override
    public int docID() {
      return i < 0
          ? -1
          : i < matches.docs().length ? matches.docs()[i] : DocIdSetIterator.NO_MORE_DOCS;
    }

    @Override
    public DocIdSetIterator iterator() {
      return iterator;
    }

    @Override
    public float score() {
      return matches.hits()[i].score() * boost;
    }

    @Override
    public float getMaxScore(int upTo) {
      return matches.maxScore() * boost;
    }
  }

  @Override
  public void visit(QueryVisitor visitor) {
    visitor.visitLeaf(this);
  }

  @Override
  public String toString(String field) {
    return "lexica_hybrid(" + fusion.spec() + ", " + hits.size() + " fused hits)";
  }

  @Override
  public boolean equals(Object o) {
    return sameClassAs(o)
        && o instanceof FusedHitsQuery q
        && idField.equals(q.idField)
        && hits.equals(q.hits)
        && fusion.equals(q.fusion)
        && bestText == q.bestText
        && depth == q.depth;
  }

  @Override
  public int hashCode() {
    return Objects.hash(classHash(), idField, hits, fusion, bestText, depth);
  }
}
