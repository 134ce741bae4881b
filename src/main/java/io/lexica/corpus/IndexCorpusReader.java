package io.lexica.corpus;

import io.lexica.LexicaException;
import io.lexica.analysis.AnalyzerSpec;
import io.lexica.index.DocumentSelection;
import io.lexica.index.SourceIndex;
import io.lexica.util.ThreadCounts;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiBits;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.TermVectors;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * Reads the training corpus straight out of a Lucene index: the tokens the index's analyzer
 * produced, without re-analysing text when the index allows it.
 *
 * <ul>
 *   <li>The vocabulary comes from the terms dictionary ({@code totalTermFreq}, {@code docFreq});
 *       when the index has deletions the counts are recomputed over live documents.
 *   <li>Documents are rebuilt by position, by one of three {@link Method}s: from term vectors with
 *       positions, by inverting the postings (one segment's document range at a time, so memory
 *       stays bounded by {@link #batchPositions(int)}), or by re-analysing stored values with the
 *       analyzer recorded in the index (or one given). Positions without a token become {@link
 *       EncodedCorpus#GAP}s; tokens sharing a position are resolved as {@link PositionBuffer} says.
 *   <li>Several fields may be read; each field of a document is its own sequence. Deleted documents
 *       are skipped.
 * </ul>
 *
 * <p>The index is only read: no lock is taken and no file is written, so it may be in use by a
 * search application at the same time (the reader sees the commit that was current at {@link
 * #open}). Lucene 9.x indexes are read through lucene-backward-codecs.
 *
 * <p>Not thread-safe; it uses {@link #threads(int)} threads of its own while replaying documents.
 */
public final class IndexCorpusReader implements TokenSource, Closeable {
  /** How documents are rebuilt. */
  public enum Method {
    /**
     * Postings when positions are indexed, else term vectors with positions, else re-analysis.
     * Postings come first because inverting them is about four times faster than decoding term
     * vectors document by document (bench/corpus.sh).
     */
    AUTO,
    /** Term vectors with positions. */
    TERM_VECTORS,
    /** Inverting the postings (needs positions indexed). */
    POSTINGS,
    /** Re-analysing stored values. */
    REANALYZE;

    /**
     * Lower-case name with dashes, as the CLI spells it.
     *
     * @return e.g. {@code term-vectors}
     */
    public String cliName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  private final String name; // the index's path, for messages
  private final SourceIndex source; // null when the reader belongs to the caller
  private final DirectoryReader index;
  private IndexReader reader; // the whole index, or the selected documents
  private final FieldInfos fieldInfos;
  private final AnalyzerSpec recorded;
  private List<String> fields = List.of();
  private Method method = Method.AUTO;
  private AnalyzerSpec analyzer;
  private int threads = ThreadCounts.readingDefault();
  private int batchPositions = 1 << 22;
  // Term -> vocabulary id maps of the last replayed vocabulary (compared by identity).
  private Vocabulary mappedVocabulary;
  private Map<BytesRef, Integer> mappedIds;
  private Map<Long, int[]> mappedLeafIds;

  private IndexCorpusReader(SourceIndex source) {
    this.source = source;
    this.name = source.path().toString();
    this.index = source.reader();
    this.reader = index;
    this.fieldInfos = FieldInfos.getMergedFieldInfos(reader);
    this.recorded = source.recordedAnalyzer();
  }

  private IndexCorpusReader(DirectoryReader reader, AnalyzerSpec recorded) {
    this.source = null;
    this.name = "the index";
    this.index = reader;
    this.reader = reader;
    this.fieldInfos = FieldInfos.getMergedFieldInfos(reader);
    this.recorded = recorded;
  }

  /**
   * Reads an index the caller has open (and closes: {@link #close} leaves it open), e.g. one a
   * search application searches.
   *
   * @param reader the caller's reader; left open
   * @param analyzer the analyzer the index was built with, for re-analysis; may be null
   * @return a reader over the index; choose fields with {@link #fields(List)}
   */
  public static IndexCorpusReader of(DirectoryReader reader, AnalyzerSpec analyzer) {
    return new IndexCorpusReader(reader, analyzer);
  }

  /**
   * Opens the index in {@code dir} for reading and reads {@code fields} from it.
   *
   * @param dir the index directory
   * @param fields the fields to read
   * @return the reader; close it to close the index
   * @throws LexicaException when the directory is missing, holds no index, is unreadable, has no
   *     live documents, or lacks one of the fields
   */
  public static IndexCorpusReader open(Path dir, List<String> fields) {
    IndexCorpusReader r = open(dir);
    try {
      r.fields(fields);
    } catch (RuntimeException e) {
      r.close();
      throw e;
    }
    return r;
  }

  /**
   * Opens the index in {@code dir}; choose fields with {@link #fields(List)}.
   *
   * @param dir the index directory
   * @return the reader; close it to close the index
   * @throws io.lexica.LexicaException when the directory is missing, holds no index or is
   *     unreadable
   */
  public static IndexCorpusReader open(Path dir) {
    SourceIndex source = SourceIndex.open(dir);
    DirectoryReader reader = source.reader();
    if (reader.numDocs() == 0) {
      source.close();
      throw new LexicaException(
          "index " + dir + " has no documents" + (reader.maxDoc() > 0 ? " left (all deleted)" : ""),
          "index some documents first ('lexica index --input FILE --index " + dir + "')");
    }
    return new IndexCorpusReader(source);
  }

  /**
   * The fields to read; each must be indexed (or stored, for re-analysis).
   *
   * @param names the field names, at least one
   * @return this reader
   * @throws io.lexica.LexicaException when no field is given or one is not in the index, naming the
   *     fields it has
   */
  public IndexCorpusReader fields(List<String> names) {
    if (names.isEmpty()) {
      throw new LexicaException("no field to read", "name one or more fields with --field");
    }
    SourceIndex.requireFields(reader, source == null ? name : "index " + name, names, "--field");
    this.fields = List.copyOf(names);
    this.mappedVocabulary = null; // leaf maps are per field index
    return this;
  }

  /**
   * How to rebuild documents (default {@link Method#AUTO}).
   *
   * @param m the method
   * @return this reader
   */
  public IndexCorpusReader method(Method m) {
    this.method = m;
    return this;
  }

  /**
   * The analyzer for re-analysis when the index does not record one (or to override the recorded
   * one); null to use the recorded one.
   *
   * @param spec the analyzer, or null
   * @return this reader
   */
  public IndexCorpusReader analyzer(AnalyzerSpec spec) {
    this.analyzer = spec;
    return this;
  }

  /**
   * Threads rebuilding documents in parallel (default: the cores, at most 4).
   *
   * @param n the threads, at least 1
   * @return this reader
   */
  public IndexCorpusReader threads(int n) {
    this.threads = ThreadCounts.require(n, "reading threads");
    return this;
  }

  /**
   * The largest number of positions one postings-inversion batch covers (default 8 M, about 32 MB
   * of ints); bounds the memory of that path.
   */
  IndexCorpusReader batchPositions(int n) {
    this.batchPositions = Math.max(1, n);
    return this;
  }

  /**
   * Reads only the documents of {@code selection}, which must have been made from {@link #index()}:
   * the vocabulary counts and the replay then cover them alone. The selection stays the caller's to
   * close, after this reader is done with it.
   *
   * @param selection the documents to read
   * @return this reader
   */
  public IndexCorpusReader select(DocumentSelection selection) {
    this.reader = selection.reader();
    this.mappedVocabulary = null; // leaf maps are per segment of the reader
    return this;
  }

  /**
   * Reads the whole index again after {@link #select}.
   *
   * @return this reader
   */
  public IndexCorpusReader selectAll() {
    this.reader = index;
    this.mappedVocabulary = null;
    return this;
  }

  /**
   * The whole index, as of the commit that was current at {@link #open}.
   *
   * @return the reader of that commit
   */
  public DirectoryReader index() {
    return index;
  }

  /**
   * The fields being read.
   *
   * @return an unmodifiable list
   */
  public List<String> fields() {
    return fields;
  }

  /**
   * The names of the index's fields.
   *
   * @return every field name of the index, sorted
   */
  public List<String> fieldNames() {
    List<String> names = new ArrayList<>();
    for (FieldInfo fi : fieldInfos) {
      names.add(fi.name);
    }
    return names;
  }

  /**
   * The analyzer recorded in the index by {@code lexica index}, or null.
   *
   * @return the spec, or null
   */
  public AnalyzerSpec recordedAnalyzer() {
    return recorded;
  }

  /**
   * Live documents (of the selection, when there is one).
   *
   * @return the number of live documents read
   */
  public int documentCount() {
    return reader.numDocs();
  }

  /**
   * The method that will be used for {@code field} (resolving {@link Method#AUTO}).
   *
   * @param field one of the fields being read
   * @return the method that field gets: the one chosen, or for AUTO what the field has indexed
   */
  public Method methodFor(String field) {
    FieldInfo fi = fieldInfos.fieldInfo(field);
    boolean positions =
        fi.getIndexOptions().compareTo(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS) >= 0;
    // Finding out whether term vectors have positions means reading one; only when it matters.
    boolean needVectors = method == Method.TERM_VECTORS || (method == Method.AUTO && !positions);
    boolean vectors = needVectors && fi.hasTermVectors() && termVectorsHavePositions(field);
    switch (method) {
      case TERM_VECTORS -> {
        if (!vectors) {
          throw new LexicaException(
              "field '" + field + "' of " + name + " has no term vectors with positions",
              "use --method postings or auto, or re-index with term vectors (lexica index"
                  + " --term-vectors)");
        }
        return Method.TERM_VECTORS;
      }
      case POSTINGS -> {
        if (!positions) {
          throw new LexicaException(
              "field '" + field + "' of " + name + " is indexed without positions",
              "use --method reanalyze (needs stored values) or auto, or re-index with positions");
        }
        return Method.POSTINGS;
      }
      case REANALYZE -> {
        requireStored(field, positions);
        return Method.REANALYZE;
      }
      default -> {
        if (positions) {
          return Method.POSTINGS;
        }
        if (vectors) {
          return Method.TERM_VECTORS;
        }
        requireStored(field, false);
        return Method.REANALYZE;
      }
    }
  }

  private void requireStored(String field, boolean positions) {
    if (!hasStoredValues(field)) {
      throw new LexicaException(
          "field '"
              + field
              + "' of "
              + name
              + (positions ? " has no stored values" : " has neither positions nor stored values"),
          positions
              ? "use --method postings or auto"
              : "re-index the field with positions (lexica index does), or store its values so"
                  + " they can be re-analysed");
    }
    if (analyzer == null && recorded == null) {
      throw new LexicaException(
          "index " + name + " does not record its analyzer, needed to re-analyse '" + field + "'",
          "pass the analyzer the index was built with, e.g. --analyzer standard");
    }
  }

  private boolean termVectorsHavePositions(String field) {
    try {
      for (LeafReaderContext ctx : reader.leaves()) {
        LeafReader leaf = ctx.reader();
        TermVectors tv = leaf.termVectors();
        for (int d = 0; d < leaf.maxDoc(); d++) {
          Terms t = tv.get(d, field);
          if (t != null) {
            return t.hasPositions();
          }
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private boolean hasStoredValues(String field) {
    try {
      int checked = 0;
      for (LeafReaderContext ctx : reader.leaves()) {
        StoredFields sf = ctx.reader().storedFields();
        for (int d = 0; d < ctx.reader().maxDoc() && checked < 100; d++, checked++) {
          if (sf.document(d, Set.of(field)).getField(field) != null) {
            return true;
          }
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * True when every field read has a terms dictionary, so that {@link #vocabulary} counts from the
   * dictionaries and the postings without reading or re-analysing any document.
   *
   * @return whether the vocabulary can be counted without reading documents
   */
  public boolean countsFromTerms() {
    requireFields();
    for (String field : fields) {
      FieldInfo fi = fieldInfos.fieldInfo(field);
      if (fi == null || fi.getIndexOptions() == IndexOptions.NONE) {
        return false;
      }
    }
    return true;
  }

  @Override
  public Vocabulary vocabulary() {
    requireFields();
    try {
      // Insertion order: for one field this is the terms dictionary's order, which spares
      // Vocabulary.of a sort by word.
      Map<String, long[]> counts = new LinkedHashMap<>();
      for (String field : fields) {
        Terms terms = MultiTerms.getTerms(reader, field);
        if (terms == null) {
          countReanalyzed(field, counts); // stored only, or no document has the field indexed
        } else if (reader.hasDeletions()) {
          countLive(terms, counts);
        } else {
          TermsEnum te = terms.iterator();
          for (BytesRef t = te.next(); t != null; t = te.next()) {
            long[] c = counts.computeIfAbsent(t.utf8ToString(), k -> new long[2]);
            c[0] += te.totalTermFreq();
            c[1] += te.docFreq();
          }
        }
      }
      return Vocabulary.ofCounts(counts);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Counts over live documents only: the terms dictionary still counts deleted ones. */
  private void countLive(Terms terms, Map<String, long[]> counts) throws IOException {
    Bits live = MultiBits.getLiveDocs(reader);
    boolean freqs = terms.hasFreqs();
    PostingsEnum pe = null;
    TermsEnum te = terms.iterator();
    for (BytesRef t = te.next(); t != null; t = te.next()) {
      pe = te.postings(pe, freqs ? PostingsEnum.FREQS : PostingsEnum.NONE);
      long tf = 0;
      long df = 0;
      for (int d = pe.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = pe.nextDoc()) {
        if (live == null || live.get(d)) {
          df++;
          tf += freqs ? pe.freq() : 1;
        }
      }
      if (df > 0) {
        long[] c = counts.computeIfAbsent(t.utf8ToString(), k -> new long[2]);
        c[0] += tf;
        c[1] += df;
      }
    }
  }

  /** Counts a field that has no terms dictionary by re-analysing its stored values. */
  private void countReanalyzed(String field, Map<String, long[]> counts) throws IOException {
    if (methodFor(field) != Method.REANALYZE) {
      return;
    }
    try (Analyzer a = reanalysisSpec().create()) {
      Set<String> only = Set.of(field);
      Set<String> seen = new java.util.HashSet<>();
      for (LeafReaderContext ctx : reader.leaves()) {
        StoredFields sf = ctx.reader().storedFields();
        Bits live = ctx.reader().getLiveDocs();
        for (int d = 0; d < ctx.reader().maxDoc(); d++) {
          if (live != null && !live.get(d)) {
            continue;
          }
          seen.clear();
          Analysis.analyze(
              a,
              field,
              stringValues(sf.document(d, only), field),
              (pos, term) -> {
                String w = term.utf8ToString();
                long[] c = counts.computeIfAbsent(w, k -> new long[2]);
                c[0]++;
                if (seen.add(w)) {
                  c[1]++;
                }
              });
        }
      }
    }
  }

  static List<String> stringValues(Document doc, String field) {
    List<String> values = new ArrayList<>();
    for (IndexableField f : doc.getFields(field)) {
      if (f.stringValue() != null) {
        values.add(f.stringValue());
      }
    }
    return values;
  }

  private AnalyzerSpec reanalysisSpec() {
    return analyzer != null ? analyzer : recorded;
  }

  private void requireFields() {
    if (fields.isEmpty()) {
      throw new LexicaException("no field to read", "name one or more fields with --field");
    }
  }

  @Override
  public void forEachDocument(Vocabulary vocabulary, DocumentVisitor visitor) {
    requireFields();
    Method[] methods = new Method[fields.size()];
    for (int f = 0; f < methods.length; f++) {
      methods[f] = methodFor(fields.get(f));
    }
    if (vocabulary != mappedVocabulary) { // the term -> id maps are reused by later replays
      mappedIds = termIds(vocabulary);
      mappedLeafIds = new ConcurrentHashMap<>();
      mappedVocabulary = vocabulary;
    }
    new IndexReplay(
            reader,
            fields,
            methods,
            mappedIds,
            mappedLeafIds,
            reanalysisSpec(),
            threads,
            batchPositions)
        .run(visitor);
  }

  /** Maps each vocabulary word's UTF-8 bytes to its id. Read-only after construction. */
  static Map<BytesRef, Integer> termIds(Vocabulary vocabulary) {
    Map<BytesRef, Integer> ids = new HashMap<>(vocabulary.size() * 2);
    for (int i = 0; i < vocabulary.size(); i++) {
      ids.put(new BytesRef(vocabulary.word(i)), i);
    }
    return ids;
  }

  /** Closes the index reader and directory; the index files are untouched. */
  @Override
  public void close() {
    if (source != null) {
      source.close();
    }
  }
}
