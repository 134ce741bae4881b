package io.lexica.index;

import io.lexica.LexicaException;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FilterLeafReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexReader.CacheHelper;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;

/**
 * Some of an index's documents, as a reader that sees only them: the corpus reader reads it like a
 * whole index ({@code IndexCorpusReader.select}), so the vocabulary counts and the replay cover
 * exactly the selected documents. Segments without a selected document are left out altogether, so
 * their postings are never read; a segment whose live documents are all selected is read as is; in
 * a partly selected one, the unselected documents look deleted.
 *
 * <p>{@link #addedSince} selects the documents added to an index after a model was trained on it.
 * What counts as new, precisely:
 *
 * <ul>
 *   <li>By segments (the default): the live documents of every segment the model's {@link
 *       IndexSnapshot} does not list. Exact as long as each listed segment is still in the index;
 *       if one is gone and a segment written by a merge appeared, its documents may be old ones
 *       merged together with new ones, and the selection refuses rather than guess, unless the
 *       snapshot recorded a field known to grow as documents are added ({@link
 *       IndexSnapshot#GROWING_FIELDS}: the indexing run {@code lexica index} records, OpenSearch's
 *       sequence number), which is then used as below. A listed segment that is gone without any
 *       merged segment appearing had all its documents deleted.
 *   <li>By a sequence field ({@code sequenceField}): the live documents whose value of that point
 *       field is larger than the largest value the index held when the model was made. Right
 *       whatever merges did, provided the field grows as documents are added (an ingest time, a
 *       sequence number); documents without the field are not selected.
 * </ul>
 *
 * Deleted documents simply are not there: a model does not unlearn a document deleted after it was
 * trained on it, and its counts keep that document's words. An updated document (Lucene deletes the
 * old version and adds the new one) is new, so it is trained on again.
 *
 * <p>Holds a reader over the index's segments: valid while the index reader it was made from is
 * open; close it before that one. Immutable; thread-safe.
 */
public final class DocumentSelection implements Closeable {
  private final IndexReader reader;
  private final long documents;
  private final String description;

  private DocumentSelection(IndexReader reader, long documents, String description) {
    this.reader = reader;
    this.documents = documents;
    this.description = description;
  }

  /**
   * The live documents of {@code index} added since the commit {@code since} describes; see the
   * class comment.
   *
   * @param index the index as it is now
   * @param since the commit a model was trained on, recorded in its metadata
   * @param sequenceField a point field that grows as documents are added, or null to go by segments
   * @return the selection
   * @throws LexicaException when the new documents cannot be told apart, or the field was not
   *     recorded
   */
  public static DocumentSelection addedSince(
      DirectoryReader index, IndexSnapshot since, String sequenceField) {
    try {
      if (sequenceField != null) {
        return bySequence(index, since, sequenceField, "");
      }
      Set<String> recorded = new HashSet<>(since.segments());
      Set<String> present = new HashSet<>();
      boolean merged = false;
      List<LeafReader> fresh = new ArrayList<>();
      for (LeafReaderContext ctx : index.leaves()) {
        String id = IndexSnapshot.segmentId(ctx.reader());
        present.add(id);
        if (!recorded.contains(id)) {
          fresh.add(ctx.reader());
          merged |= IndexSnapshot.isMerged(ctx.reader());
        }
      }
      recorded.removeAll(present);
      if (!recorded.isEmpty() && merged) {
        for (String field : IndexSnapshot.GROWING_FIELDS) {
          if (since.sequenceMax().containsKey(field)) {
            return bySequence(
                index, since, field, " (segments were merged since the model was made)");
          }
        }
        throw new LexicaException(
            recorded.size()
                + " of the "
                + since.segments().size()
                + " segments the model was trained on have been merged into newer ones, so their"
                + " documents cannot be told from new ones by segment",
            sequenceHint(since));
      }
      long count = 0;
      for (LeafReader leaf : fresh) {
        count += leaf.numDocs();
      }
      String description =
          String.format(
              Locale.ROOT,
              "%,d new segment%s of %,d (%,d documents)",
              fresh.size(),
              fresh.size() == 1 ? "" : "s",
              index.leaves().size(),
              count);
      return new DocumentSelection(
          new MultiReader(fresh.toArray(new IndexReader[0]), false), count, description);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sequenceHint(IndexSnapshot since) {
    return since.sequenceMax().isEmpty()
        ? "retrain the model on the index (the index has no numeric field to order documents by)"
        : "pass --sequence-field with a field that grows as documents are added, one of: "
            + String.join(", ", since.sequenceMax().keySet())
            + "; or retrain the model";
  }

  private static DocumentSelection bySequence(
      DirectoryReader index, IndexSnapshot since, String field, String why) throws IOException {
    byte[] bound = since.sequenceMax(field);
    if (bound == null) {
      throw new LexicaException(
          "the model does not record the largest value of '" + field + "' in its index",
          since.sequenceMax().isEmpty()
              ? "the index had no numeric point field when the model was made; retrain it"
              : "use one of: " + String.join(", ", since.sequenceMax().keySet()));
    }
    List<IndexReader> leaves = new ArrayList<>();
    long count = 0;
    for (LeafReaderContext ctx : index.leaves()) {
      LeafReader leaf = ctx.reader();
      PointValues points = leaf.getPointValues(field);
      if (points == null || Arrays.compareUnsigned(points.getMaxPackedValue(), bound) <= 0) {
        continue; // no document of this segment is past the bound: never read further
      }
      count += add(leaves, leaf, above(points, bound, leaf.maxDoc(), leaf.getLiveDocs()));
    }
    String description =
        String.format(
            Locale.ROOT, "%,d documents with %s past its recorded maximum%s", count, field, why);
    return new DocumentSelection(
        new MultiReader(leaves.toArray(new IndexReader[0]), false), count, description);
  }

  /**
   * These documents and a random {@code share} of the other live documents of {@code index}, the
   * one this selection was made from: what an update's replay trains on when a pass over the whole
   * index costs too much. Each other document is drawn on its own with probability {@code share},
   * from a generator seeded by {@code seed} and its segment's id, so the same seed draws the same
   * documents of an unchanged segment. Close it before {@code index}; this selection stays open.
   *
   * @param index the index this selection was made from
   * @param share in [0, 1]: 0 selects these documents only, 1 the whole index
   * @param seed seeds the draw
   * @return a new selection; close it before {@code index}
   * @throws IllegalArgumentException when {@code share} is outside [0, 1]
   */
  public DocumentSelection withShareOfOthers(DirectoryReader index, double share, long seed) {
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException("share must be in [0, 1]: " + share);
    }
    Map<LeafReader, Bits> mine = new IdentityHashMap<>(); // segment -> these documents (null: all)
    for (LeafReaderContext ctx : reader.leaves()) {
      if (ctx.reader() instanceof Selected s) {
        mine.put(s.getDelegate(), s.selected);
      } else {
        mine.put(ctx.reader(), null);
      }
    }
    List<IndexReader> leaves = new ArrayList<>();
    long count = 0;
    for (LeafReaderContext ctx : index.leaves()) {
      LeafReader leaf = ctx.reader();
      boolean whole = mine.containsKey(leaf) && mine.get(leaf) == null;
      if (whole || share == 1) {
        leaves.add(leaf);
        count += leaf.numDocs();
        continue;
      }
      Bits chosen = mine.get(leaf);
      Bits live = leaf.getLiveDocs();
      SplittableRandom random =
          new SplittableRandom(seed ^ IndexSnapshot.segmentId(leaf).hashCode());
      FixedBitSet selected = new FixedBitSet(leaf.maxDoc());
      for (int d = 0; d < leaf.maxDoc(); d++) {
        boolean drawn = random.nextDouble() < share; // drawn for every document: stable draws
        if ((live == null || live.get(d)) && (drawn || (chosen != null && chosen.get(d)))) {
          selected.set(d);
        }
      }
      count += add(leaves, leaf, selected);
    }
    String description =
        String.format(
            Locale.ROOT,
            "%s and %,d other documents (%.0f %% of %,d)",
            this.description,
            count - documents,
            share * 100,
            index.numDocs() - documents);
    try {
      return new DocumentSelection(
          new MultiReader(leaves.toArray(new IndexReader[0]), false), count, description);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Adds the {@code selected} live documents of {@code leaf} to {@code leaves}: the segment as is
   * when they are all its live documents, else a view in which only they are live, nothing when
   * there are none. Returns how many.
   */
  private static int add(List<IndexReader> leaves, LeafReader leaf, FixedBitSet selected) {
    int n = selected.cardinality();
    if (n > 0) {
      leaves.add(n == leaf.numDocs() ? leaf : new Selected(leaf, selected, n));
    }
    return n;
  }

  /** Live documents whose value is above {@code bound} (unsigned byte order: Lucene's). */
  private static FixedBitSet above(PointValues points, byte[] bound, int maxDoc, Bits live)
      throws IOException {
    FixedBitSet out = new FixedBitSet(maxDoc);
    points.intersect(
        new PointValues.IntersectVisitor() {
          @Override
          public void visit(int doc) {
            add(doc);
          }

          @Override
          public void visit(int doc, byte[] value) {
            if (Arrays.compareUnsigned(value, bound) > 0) {
              add(doc);
            }
          }

          private void add(int doc) {
            if (live == null || live.get(doc)) {
              out.set(doc);
            }
          }

          @Override
          public PointValues.Relation compare(byte[] min, byte[] max) {
            if (Arrays.compareUnsigned(max, bound) <= 0) {
              return PointValues.Relation.CELL_OUTSIDE_QUERY;
            }
            return Arrays.compareUnsigned(min, bound) > 0
                ? PointValues.Relation.CELL_INSIDE_QUERY
                : PointValues.Relation.CELL_CROSSES_QUERY;
          }
        });
    return out;
  }

  /**
   * A reader over the selected documents only (the others are left out or look deleted).
   *
   * @return a reader over the live selected documents; valid until {@link #close()}
   */
  public IndexReader reader() {
    return reader;
  }

  /**
   * The number of selected documents.
   *
   * @return the count of live selected documents
   */
  public long documents() {
    return documents;
  }

  /**
   * True when nothing is selected.
   *
   * @return true when {@link #documents()} is 0
   */
  public boolean isEmpty() {
    return documents == 0;
  }

  /**
   * What was selected and how, for people: "2 new segments of 5 (1,204 documents)".
   *
   * @return one line for a report
   */
  public String describe() {
    return description;
  }

  /** Releases the segments (the index reader it was made from stays open). */
  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A segment in which only the selected documents are live. */
  private static final class Selected extends FilterLeafReader {
    private final Bits selected;
    private final int count;

    Selected(LeafReader in, Bits selected, int count) {
      super(in);
      this.selected = selected;
      this.count = count;
    }

    @Override
    public Bits getLiveDocs() {
      return selected;
    }

    @Override
    public int numDocs() {
      return count;
    }

    @Override
    public CacheHelper getCoreCacheHelper() {
      return null; // the view's deletions differ from the segment's: nothing may be cached on it
    }

    @Override
    public CacheHelper getReaderCacheHelper() {
      return null;
    }
  }
}
