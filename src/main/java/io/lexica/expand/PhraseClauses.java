package io.lexica.expand;

import io.lexica.phrases.PhraseList;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.QueryBuilder;

/**
 * A model's phrase tokens ("new_york", from the {@link PhraseList} it was trained with) as the
 * expander meets them: in queries (a phrase query over a known phrase's words is one model word)
 * and among neighbours (a phrase is added as a {@link PhraseQuery} over the field's terms, not as a
 * term: the index has no term "new_york"). Immutable; thread-safe.
 */
final class PhraseClauses {
  /** No phrases: every model word is a term. */
  static final PhraseClauses NONE = new PhraseClauses(PhraseList.EMPTY);

  private final PhraseList phrases;
  private final Set<String> tokens;

  PhraseClauses(PhraseList phrases) {
    this.phrases = phrases;
    this.tokens = Set.copyOf(phrases.tokens());
  }

  PhraseList list() {
    return phrases;
  }

  boolean isEmpty() {
    return phrases.isEmpty();
  }

  /** True when the model word is one of the phrases. */
  boolean isPhrase(String word) {
    return tokens.contains(word);
  }

  /** A phrase token with spaces for its separators: how an added phrase is named. */
  static String spaced(String token) {
    return token.replace(PhraseList.SEPARATOR, " ");
  }

  /**
   * The query that finds a phrase token's words in the field: its words analysed with {@code
   * fieldAnalyzer} (positions kept, so a removed stop word leaves its gap), or taken as the field's
   * terms when null. Null when nothing of it is left.
   */
  static Query query(Analyzer fieldAnalyzer, String field, String token) {
    if (fieldAnalyzer != null) {
      Query q = new QueryBuilder(fieldAnalyzer).createPhraseQuery(field, spaced(token));
      return q instanceof PhraseQuery || q instanceof TermQuery ? q : null;
    }
    return new PhraseQuery(field, token.split(Pattern.quote(PhraseList.SEPARATOR)));
  }

  /**
   * The phrase queries of {@code query} (exact, consecutive positions, outside {@code MUST_NOT})
   * whose words make one of the model's phrases: each is a query word that grows in place.
   */
  List<Neighbours.Source> sources(Query query) {
    List<Neighbours.Source> out = new ArrayList<>();
    if (isEmpty()) {
      return out;
    }
    query.visit(
        new QueryVisitor() {
          @Override
          public void consumeTerms(Query q, Term... terms) {
            if (q instanceof PhraseQuery pq && pq.getSlop() == 0 && consecutive(pq)) {
              List<String> words = new ArrayList<>();
              for (Term t : terms) {
                words.add(t.text());
              }
              List<String> joined = phrases.join(words);
              if (joined.size() == 1 && isPhrase(joined.get(0))) {
                Term named = new Term(terms[0].field(), spaced(joined.get(0)));
                out.add(new Neighbours.Source(named, joined.get(0), true, pq));
              }
            }
          }

          @Override
          public QueryVisitor getSubVisitor(Occur occur, Query parent) {
            return occur == Occur.MUST_NOT ? QueryVisitor.EMPTY_VISITOR : this;
          }
        });
    return out;
  }

  private static boolean consecutive(PhraseQuery pq) {
    int[] positions = pq.getPositions();
    for (int i = 1; i < positions.length; i++) {
      if (positions[i] != positions[i - 1] + 1) {
        return false;
      }
    }
    return positions.length > 1;
  }

  /**
   * A phrase's document frequency bounds: each of its words occurs in at least {@code minDocFreq}
   * documents, and at least one (a phrase is rarer than its words, so the upper bound does not
   * apply); always true without a reader.
   */
  static boolean inBounds(Query phrase, IndexReader reader, int minDocFreq) {
    if (reader == null) {
      return true;
    }
    Set<Term> words = new HashSet<>();
    phrase.visit(QueryVisitor.termCollector(words));
    try {
      for (Term t : words) {
        if (reader.docFreq(t) < Math.max(1, minDocFreq)) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
