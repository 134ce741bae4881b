package io.lexica.corpus;

import io.lexica.LexicaException;
import io.lexica.analysis.AnalyzerSpec;
import io.lexica.corpus.IndexCorpusReader.Method;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.TermVectors;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * One replay over the index: the documents are split into tasks (a document range of one segment),
 * rebuilt by worker threads and handed to the visitor in document order.
 */
final class IndexReplay {
  private final IndexReader reader;
  private final List<String> fields;
  private final Method[] methods;
  private final Map<BytesRef, Integer> ids;
  private final Map<Long, int[]> leafTermIds;
  private final int threads;
  private final int batchPositions;
  private Analyzer shared; // for re-analysis; analyzers are thread-safe, so workers share it

  /**
   * @param methods how to rebuild each field (resolved, not AUTO)
   * @param ids vocabulary id of each term's bytes
   * @param leafTermIds cache of per-segment term-ordinal -> id arrays, shared across replays
   * @param reanalysis the analyzer for {@link Method#REANALYZE} fields (may be null otherwise)
   */
  IndexReplay(
      IndexReader reader,
      List<String> fields,
      Method[] methods,
      Map<BytesRef, Integer> ids,
      Map<Long, int[]> leafTermIds,
      AnalyzerSpec reanalysis,
      int threads,
      int batchPositions) {
    this.reader = reader;
    this.fields = fields;
    this.methods = methods;
    this.ids = ids;
    this.leafTermIds = leafTermIds;
    this.threads = threads;
    this.batchPositions = batchPositions;
    for (Method m : methods) {
      if (m == Method.REANALYZE) {
        this.shared = reanalysis.create();
        break;
      }
    }
  }

  void run(DocumentVisitor visitor) {
    List<int[]> tasks = new ArrayList<>(); // {leaf ord, from doc, to doc}
    for (LeafReaderContext ctx : reader.leaves()) {
      int maxDoc = ctx.reader().maxDoc();
      long positions = 0;
      try {
        for (String f : fields) {
          Terms t = ctx.reader().terms(f);
          if (t != null) {
            positions += Math.max(0, t.getSumTotalTermFreq());
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      int perBatch =
          (int)
              Math.max(
                  1, Math.min(maxDoc, (long) batchPositions * maxDoc / Math.max(1, positions)));
      for (int from = 0; from < maxDoc; from += perBatch) {
        tasks.add(new int[] {ctx.ord, from, Math.min(maxDoc, from + perBatch)});
      }
    }
    try {
      OrderedParallel.run(
          threads,
          tasks.stream().<Callable<Slab[]>>map(task -> () -> rebuild(task)).iterator(),
          slabs -> Slab.deliver(slabs, visitor));
    } finally {
      if (shared != null) {
        shared.close();
      }
    }
  }

  private Slab[] rebuild(int[] task) throws IOException {
    LeafReaderContext ctx = reader.leaves().get(task[0]);
    LeafReader leaf = ctx.reader();
    int from = task[1];
    int to = task[2];
    Bits live = leaf.getLiveDocs();
    Slab[] slabs = new Slab[fields.size()];
    for (int f = 0; f < fields.size(); f++) {
      slabs[f] =
          switch (methods[f]) {
            case POSTINGS -> invert(ctx, f, from, to, live);
            case TERM_VECTORS -> fromTermVectors(ctx, f, from, to, live);
            case REANALYZE -> reanalyze(ctx, f, from, to, live);
            default -> throw new AssertionError(methods[f]);
          };
    }
    return slabs;
  }

  /** The vocabulary id of each term of a segment's field, in term order. */
  private int[] leafTermIds(LeafReaderContext ctx, int field, Terms terms) {
    long key = ((long) ctx.ord << 16) | field;
    return leafTermIds.computeIfAbsent(
        key,
        k -> {
          try {
            int[] out = new int[1024];
            int n = 0;
            TermsEnum te = terms.iterator();
            for (BytesRef t = te.next(); t != null; t = te.next()) {
              if (n == out.length) {
                out = java.util.Arrays.copyOf(out, n * 2);
              }
              out[n++] = id(t);
            }
            return java.util.Arrays.copyOf(out, n);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private int id(BytesRef term) {
    Integer id = ids.get(term);
    return id == null ? CorpusBuilder.DROPPED : id;
  }

  /**
   * Inverts the postings of docs [from, to) of one segment: one pass over the segment's terms
   * collects (document, position, id) triples in term order, then they are scattered into a slab
   * laid out by document and position. Sequential appends and one scatter are much faster than
   * growing a buffer per document, and memory is bounded by the batch size.
   */
  private Slab invert(LeafReaderContext ctx, int field, int from, int to, Bits live)
      throws IOException {
    int n = to - from;
    int[] maxPosition = new int[n];
    java.util.Arrays.fill(maxPosition, -1);
    Terms terms = ctx.reader().terms(fields.get(field));
    if (terms == null) {
      return Slab.empty(ctx.docBase + from, n);
    }
    int[] termIds = leafTermIds(ctx, field, terms);
    Triples triples = new Triples(Math.min(batchPositions, 1 << 16));
    TermsEnum te = terms.iterator();
    PostingsEnum pe = null;
    int ord = 0;
    for (BytesRef t = te.next(); t != null; t = te.next()) {
      int id = termIds[ord++];
      pe = te.postings(pe, PostingsEnum.POSITIONS);
      for (int d = pe.advance(from); d < to; d = pe.nextDoc()) {
        if (live != null && !live.get(d)) {
          continue;
        }
        int local = d - from;
        int freq = pe.freq();
        triples.ensure(freq);
        int max = maxPosition[local];
        for (int k = 0; k < freq; k++) {
          int pos = pe.nextPosition();
          triples.add(local, pos, id);
          if (pos > max) {
            max = pos;
          }
        }
        maxPosition[local] = max;
      }
    }
    int[] start = new int[n + 1];
    for (int d = 0; d < n; d++) {
      start[d + 1] = start[d] + maxPosition[d] + 1;
    }
    int[] slab = new int[start[n]];
    java.util.Arrays.fill(slab, EncodedCorpus.GAP);
    int[] docs = triples.docs;
    int[] positions = triples.positions;
    int[] tokenIds = triples.ids;
    for (int i = 0, size = triples.size; i < size; i++) {
      int at = start[docs[i]] + positions[i];
      slab[at] = PositionBuffer.merge(slab[at], tokenIds[i]);
    }
    return new Slab(ctx.docBase + from, n, slab, start);
  }

  private Slab fromTermVectors(LeafReaderContext ctx, int field, int from, int to, Bits live)
      throws IOException {
    TermVectors vectors = ctx.reader().termVectors();
    PostingsEnum pe = null;
    String name = fields.get(field);
    Slab.Builder out = new Slab.Builder(ctx.docBase + from, to - from);
    PositionBuffer p = new PositionBuffer();
    for (int d = from; d < to; d++) {
      p.clear();
      Terms tv = live != null && !live.get(d) ? null : vectors.get(d, name);
      if (tv != null) {
        if (!tv.hasPositions()) {
          throw new LexicaException(
              "document " + d + " has term vectors without positions in field '" + name + "'",
              "use --method postings");
        }
        TermsEnum te = tv.iterator();
        for (BytesRef t = te.next(); t != null; t = te.next()) {
          int id = id(t);
          pe = te.postings(pe, PostingsEnum.POSITIONS);
          pe.nextDoc();
          for (int k = pe.freq(); k > 0; k--) {
            p.put(pe.nextPosition(), id);
          }
        }
      }
      out.add(p);
    }
    return out.build();
  }

  private Slab reanalyze(LeafReaderContext ctx, int field, int from, int to, Bits live)
      throws IOException {
    StoredFields sf = ctx.reader().storedFields();
    String name = fields.get(field);
    Set<String> only = Set.of(name);
    Slab.Builder out = new Slab.Builder(ctx.docBase + from, to - from);
    PositionBuffer p = new PositionBuffer();
    for (int d = from; d < to; d++) {
      p.clear();
      if (live == null || live.get(d)) {
        Analysis.analyze(
            shared,
            name,
            IndexCorpusReader.stringValues(sf.document(d, only), name),
            (pos, t) -> p.put(pos, id(t)));
      }
      out.add(p);
    }
    return out.build();
  }

  /** (document, position, id) triples in the order the postings deliver them. */
  private static final class Triples {
    int[] docs;
    int[] positions;
    int[] ids;
    int size;

    Triples(int capacity) {
      docs = new int[capacity];
      positions = new int[capacity];
      ids = new int[capacity];
    }

    void ensure(int more) {
      if (size + more > docs.length) {
        int cap = Math.max(size + more, docs.length * 2);
        docs = java.util.Arrays.copyOf(docs, cap);
        positions = java.util.Arrays.copyOf(positions, cap);
        ids = java.util.Arrays.copyOf(ids, cap);
      }
    }

    void add(int doc, int position, int id) {
      docs[size] = doc;
      positions[size] = position;
      ids[size] = id;
      size++;
    }
  }
}
