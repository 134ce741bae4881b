package io.lexica.eval.retrieval;

import io.lexica.expand.AddedTerm;
import io.lexica.expand.Expansion;
import io.lexica.expand.QueryExpander;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * A named embedding expansion to evaluate: one expander, or several combined (local and global
 * models, as Diaz et al. 2016 and Kuzi et al. 2016 compare them). With several, the first expands
 * the query in place and the others' terms that it did not add join as optional clauses with their
 * own weights. Expanders with a model analyzer (global models whose words are not the index's
 * terms) are given the query text; the others the bag-of-words query. Immutable; thread-safe.
 *
 * @param name the run name's suffix, e.g. {@code emb}
 * @param expanders at least one
 */
public record ExpansionSystem(String name, List<QueryExpander> expanders, List<Boolean> textMode) {
  public ExpansionSystem {
    if (expanders.isEmpty() || expanders.size() != textMode.size()) {
      throw new IllegalArgumentException("one text-mode flag per expander, at least one expander");
    }
    expanders = List.copyOf(expanders);
    textMode = List.copyOf(textMode);
  }

  /** A system of one expander; {@code text} when its model's words are not the index's terms. */
  public static ExpansionSystem of(String name, QueryExpander expander, boolean text) {
    return new ExpansionSystem(name, List.of(expander), List.of(text));
  }

  /** The expanded query and the terms added. */
  public record Result(Query query, List<AddedTerm> added) {
    /** The sum of the added terms' weights, for mass normalization in RM3. */
    public double addedWeight() {
      return added.stream().mapToDouble(AddedTerm::weight).sum();
    }
  }

  public Result expand(CollectionIndex index, String text, Query bagOfWords) {
    Expansion first = expandOne(0, index, text, bagOfWords);
    if (expanders.size() == 1) {
      return new Result(first.expanded(), first.added());
    }
    List<AddedTerm> all = new ArrayList<>(first.added());
    Set<String> seen = new HashSet<>();
    all.forEach(a -> seen.add(a.term()));
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    b.add(first.expanded(), Occur.SHOULD);
    for (int i = 1; i < expanders.size(); i++) {
      for (AddedTerm a : expandOne(i, index, text, bagOfWords).added()) {
        if (seen.add(a.term())) {
          all.add(a);
          b.add(
              new BoostQuery(new TermQuery(new Term(a.field(), a.term())), a.weight()),
              Occur.SHOULD);
        }
      }
    }
    return new Result(b.build(), all);
  }

  private Expansion expandOne(int i, CollectionIndex index, String text, Query bagOfWords) {
    QueryExpander x = expanders.get(i);
    return textMode.get(i)
        ? x.expand(text, CollectionIndex.FIELD, index.analyzer(), index.reader())
        : x.expand(bagOfWords, index.reader());
  }
}
