package io.lexica.docs;

import io.lexica.LexicaException;
import io.lexica.index.Indexer;
import io.lexica.index.SourceIndex;
import io.lexica.util.AtomicOutput;
import io.lexica.util.OutputKind;
import io.lexica.util.OutputPolicy;
import io.lexica.util.Progress;
import io.lexica.vectors.Embeddings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;

/**
 * Embeds every live document of an existing index into a new index ({@code lexica embed-docs}). The
 * source is only read. The output holds, per document, its id (indexed, for joins and lookups), the
 * vector, and either a copy of every stored field ({@code sideIndex=false}) or nothing else (a side
 * index keyed by id, for sources whose text should stay where it is). The words are the stored text
 * analysed with the model's analyzer or, for indexes that do not store their text, the indexed
 * terms ({@link IndexedTerms}). Full-text search keeps using the source index: hybrid search joins
 * the two by id. The output is written to a temporary directory and moved into place when complete,
 * so an interrupted run leaves nothing half-written.
 */
public final class DocumentVectorIndexer {
  /**
   * How documents are embedded and what the output holds.
   *
   * @param textFields fields whose text is embedded (stored text joined by newlines, or the indexed
   *     terms of those that are indexed)
   * @param statsField indexed field whose term statistics give IDF/SIF weights
   * @param idField stored field identifying documents
   * @param vectorField name of the vector field to write
   * @param method how word vectors are weighted (mean, IDF, SIF)
   * @param sifA SIF's {@code a}, the smoothing of its weights {@code a / (a + p(w))}
   * @param componentSample documents sampled to find SIF's common component
   * @param sideIndex write only id + vector instead of copying stored fields
   * @param textSource where the documents' words come from
   * @param seed seeds the sampling of SIF's common component, so runs are reproducible
   */
  public record Options(
      List<String> textFields,
      String statsField,
      String idField,
      String vectorField,
      EmbeddingMethod method,
      double sifA,
      int componentSample,
      boolean sideIndex,
      long seed,
      TextSource textSource) {
    /**
     * The defaults of {@code lexica embed-docs}: fields title and body (statistics from body), id
     * field {@code id}, vector field {@code vector}, SIF's {@code a} {@value
     * TermWeights#DEFAULT_SIF_A}, 20,000 documents sampled for the common component, a full copy,
     * seed 1, text source AUTO.
     *
     * @param method the weighting
     * @return the options
     */
    public static Options defaults(EmbeddingMethod method) {
      return new Options(
          List.of("title", "body"),
          "body",
          "id",
          "vector",
          method,
          TermWeights.DEFAULT_SIF_A,
          20_000,
          false,
          1,
          TextSource.AUTO);
    }
  }

  /** Where a document's words come from. */
  public enum TextSource {
    /** Stored text when the first documents have some, else the indexed terms. */
    AUTO,
    /** The stored text fields, analysed with the model's analyzer. */
    STORED,
    /**
     * The indexed terms of the text fields and their frequencies, for indexes that do not store
     * their text. Gives the vectors the stored text would when the index was built with the model's
     * analyzer.
     */
    INDEX;

    /**
     * The source named {@code id} (auto, stored or index).
     *
     * @param id the name, any case
     * @return the source
     * @throws io.lexica.LexicaException when no source has that name
     */
    public static TextSource parse(String id) {
      for (TextSource t : values()) {
        if (t.name().equalsIgnoreCase(id.trim())) {
          return t;
        }
      }
      throw new LexicaException("unknown text source '" + id + "'", "use auto, stored or index");
    }
  }

  /**
   * What a run did.
   *
   * @param documents live documents of the source
   * @param embedded documents that got a vector
   * @param empty documents without a vector (no text, or no word the model knows): still written,
   *     with their id, so joins find them
   * @param spec how the vectors were made, as recorded in the output's commit data
   * @param textSource where the words came from (never AUTO)
   */
  public record Result(
      int documents, int embedded, int empty, DocumentEmbeddingSpec spec, TextSource textSource) {}

  /** Embeds some documents of one segment, from their stored text or their indexed terms. */
  private interface Texts {
    /** Entry {@code d - from} for each wanted document of {@code [from, to)}, else null. */
    DocumentVector[] embed(
        DocumentEmbedder embedder, LeafReader leaf, int from, int to, IntPredicate wanted)
        throws IOException;
  }

  /** Floats of document vectors held at once while embedding a range of documents. */
  private static final int RANGE_FLOATS = 1 << 24;

  private DocumentVectorIndexer() {}

  /**
   * A vector index as an output: what {@link #run} writes (a Lucene index whose commit data
   * describes its document vectors and that {@code lexica index} did not make), and all it replaces
   * unasked.
   */
  public static final OutputKind KIND =
      OutputKind.luceneIndex(
          "a document-vector index made by 'lexica embed-docs'",
          data ->
              DocumentEmbeddingSpec.isRecordedIn(data) && !data.containsKey(Indexer.FIELDS_KEY));

  /**
   * Embeds {@code source} into {@code target}, replacing only a vector index there.
   *
   * @param source the index to embed; only read
   * @param target the vector index to write; written beside and moved in atomically
   * @param model the word vectors
   * @param modelName recorded in the output so queries can be embedded the same way
   * @param analyzer the model's analyzer
   * @param o fields, weighting, sampling, text source and layout
   * @return the counts and the recorded spec
   * @throws io.lexica.LexicaException when a field is missing, the model's dimension does not fit a
   *     vector field, or the target holds something other than a vector index
   */
  public static Result run(
      Path source, Path target, Embeddings model, String modelName, Analyzer analyzer, Options o) {
    return run(source, target, model, modelName, analyzer, o, OutputPolicy.SAFE);
  }

  /**
   * As {@link #run(Path, Path, Embeddings, String, Analyzer, Options)}, with what the target may
   * replace; {@code source} always counts as an input, so the output can never replace it.
   *
   * @param source the index to embed; only read
   * @param target the vector index to write
   * @param model the word vectors
   * @param modelName recorded in the output
   * @param analyzer the model's analyzer
   * @param o fields, weighting, sampling, text source and layout
   * @param policy whether any existing target may be replaced, and the other inputs
   * @return the counts and the recorded spec
   */
  public static Result run(
      Path source,
      Path target,
      Embeddings model,
      String modelName,
      Analyzer analyzer,
      Options o,
      OutputPolicy policy) {
    DocumentEmbedder.checkFieldDimension(model);
    OutputPolicy output = policy.reading(source);
    KIND.check(target, output);
    try (SourceIndex src = SourceIndex.open(source)) {
      DirectoryReader reader = src.reader();
      TermWeights weights = TermWeights.fromIndex(o.method(), reader, o.statsField(), o.sifA());
      DocumentEmbedder embedder = new DocumentEmbedder(model, analyzer, weights, null);
      TextSource from = textSource(reader, o, source);
      Texts texts = from == TextSource.STORED ? stored(o.textFields()) : indexed(reader, o);
      float[] component = null;
      if (o.method() == EmbeddingMethod.SIF) {
        component =
            CommonComponent.of(sample(reader, embedder, texts, o), model.dimension(), o.seed());
        embedder = embedder.withCommonComponent(component);
      }
      DocumentEmbeddingSpec spec =
          new DocumentEmbeddingSpec(
              modelName,
              o.method(),
              o.sifA(),
              o.statsField(),
              o.textFields(),
              o.idField(),
              o.vectorField(),
              component);
      return write(reader, target, output, embedder, texts, spec, o, from);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Texts stored(List<String> fields) {
    return (embedder, leaf, from, to, wanted) -> {
      StoredFields stored = leaf.storedFields();
      DocumentVector[] out = new DocumentVector[to - from];
      for (int d = from; d < to; d++) {
        if (wanted.test(d)) {
          out[d - from] = embedder.embed(text(stored.document(d), fields));
        }
      }
      return out;
    };
  }

  private static Texts indexed(IndexReader reader, Options o) {
    List<String> fields = indexedTextFields(reader, o);
    return (embedder, leaf, from, to, wanted) ->
        IndexedTerms.embed(embedder, leaf, fields, from, to, wanted);
  }

  /** Documents per range, so that a range's vectors take about {@link #RANGE_FLOATS} floats. */
  private static int rangeSize(int dimension) {
    return Math.max(64, RANGE_FLOATS / Math.max(1, dimension));
  }

  private static Result write(
      DirectoryReader reader,
      Path target,
      OutputPolicy policy,
      DocumentEmbedder embedder,
      Texts texts,
      DocumentEmbeddingSpec spec,
      Options o,
      TextSource from)
      throws IOException {
    int embedded = 0;
    int empty = 0;
    try (AtomicOutput out = AtomicOutput.create(target, KIND, policy);
        Directory outDir = FSDirectory.open(out.path());
        Progress progress = Progress.start("embedding documents", reader.numDocs(), "docs")) {
      IndexWriterConfig cfg =
          new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.CREATE);
      cfg.setRAMBufferSizeMB(256);
      // Separate files (no compound file), so the vectors' share (.vec/.vex/.vem) stays visible.
      cfg.setUseCompoundFile(false);
      cfg.getMergePolicy().setNoCFSRatio(0);
      try (IndexWriter writer = new IndexWriter(outDir, cfg)) {
        int range = rangeSize(embedder.dimension());
        for (LeafReaderContext leaf : reader.leaves()) {
          LeafReader lr = leaf.reader();
          StoredFields stored = lr.storedFields();
          Bits live = lr.getLiveDocs();
          IntPredicate isLive = d -> live == null || live.get(d);
          for (int start = 0; start < lr.maxDoc(); start += range) {
            int end = Math.min(lr.maxDoc(), start + range);
            DocumentVector[] vectors = texts.embed(embedder, lr, start, end, isLive);
            for (int d = start; d < end; d++) {
              if (!isLive.test(d)) {
                continue;
              }
              Document src = stored.document(d);
              String id = src.get(o.idField());
              if (id == null) {
                throw new LexicaException(
                    "document " + (leaf.docBase + d) + " has no stored '" + o.idField() + "' field",
                    "name the stored field that identifies documents with --id-field");
              }
              Document doc = new Document();
              doc.add(new StringField(o.idField(), id, Field.Store.YES));
              if (!o.sideIndex()) {
                copyStored(src, o.idField(), doc);
              }
              DocumentVector v = vectors[d - start];
              if (v.isEmpty()) {
                empty++;
              } else {
                doc.add(DocumentEmbedder.vectorField(o.vectorField(), v.vector()));
                embedded++;
              }
              writer.addDocument(doc);
              progress.add(1);
            }
          }
        }
        writer.setLiveCommitData(spec.toUserData().entrySet());
        writer.forceMerge(1);
        writer.commit();
      }
      out.commit();
    }
    return new Result(embedded + empty, embedded, empty, spec, from);
  }

  private static void copyStored(Document src, String idField, Document dest) {
    for (IndexableField f : src.getFields()) {
      if (f.name().equals(idField)) {
        continue;
      }
      if (f.binaryValue() != null) {
        dest.add(new StoredField(f.name(), f.binaryValue()));
      } else if (f.numericValue() instanceof Number n) {
        switch (n) {
          case Integer i -> dest.add(new StoredField(f.name(), i));
          case Long l -> dest.add(new StoredField(f.name(), l));
          case Float x -> dest.add(new StoredField(f.name(), x));
          default -> dest.add(new StoredField(f.name(), n.doubleValue()));
        }
      } else if (f.stringValue() != null) {
        dest.add(new StoredField(f.name(), f.stringValue()));
      }
    }
  }

  static String text(Document doc, List<String> fields) {
    StringBuilder sb = new StringBuilder();
    for (String f : fields) {
      for (String v : doc.getValues(f)) {
        if (!sb.isEmpty()) {
          sb.append('\n');
        }
        sb.append(v);
      }
    }
    return sb.toString();
  }

  /** The text source to use: the one asked for, or for AUTO the stored text when there is some. */
  private static TextSource textSource(IndexReader reader, Options o, Path source)
      throws IOException {
    if (reader.numDocs() == 0) {
      throw new LexicaException(source + " has no documents", "index some documents first");
    }
    int probe = Math.min(reader.maxDoc(), 100);
    if (o.textSource() != TextSource.INDEX) {
      StoredFields stored = reader.storedFields();
      for (int d = 0; d < probe; d++) {
        if (!text(stored.document(d), o.textFields()).isEmpty()) {
          return TextSource.STORED;
        }
      }
    }
    boolean indexed = !indexedTextFields(reader, o).isEmpty();
    if (o.textSource() == TextSource.STORED || !indexed) {
      throw new LexicaException(
          "the first "
              + probe
              + " documents of "
              + source
              + " have no stored text in "
              + o.textFields()
              + (indexed ? "" : ", and none of these fields is indexed"),
          indexed
              ? "name the stored text fields with --text-field, or embed from the indexed terms"
                  + " with --text-from index"
              : "name the text fields with --text-field (see 'lexica index' which stores and"
                  + " indexes title and body)");
    }
    return TextSource.INDEX;
  }

  /** The text fields that are indexed (have terms), in the order given. */
  private static List<String> indexedTextFields(IndexReader reader, Options o) {
    FieldInfos infos = FieldInfos.getMergedFieldInfos(reader);
    List<String> out = new ArrayList<>();
    for (String f : o.textFields()) {
      FieldInfo fi = infos.fieldInfo(f);
      if (fi != null && fi.getIndexOptions() != IndexOptions.NONE) {
        out.add(f);
      }
    }
    return out;
  }

  /** Every k-th live document's weighted vector, up to {@code componentSample} of them. */
  private static List<float[]> sample(
      DirectoryReader reader, DocumentEmbedder embedder, Texts texts, Options o)
      throws IOException {
    int limit = Math.max(1, o.componentSample());
    int step = Math.max(1, reader.numDocs() / limit);
    int range = rangeSize(embedder.dimension());
    List<float[]> out = new ArrayList<>();
    for (LeafReaderContext leaf : reader.leaves()) {
      LeafReader lr = leaf.reader();
      Bits live = lr.getLiveDocs();
      IntPredicate chosen = d -> (leaf.docBase + d) % step == 0 && (live == null || live.get(d));
      for (int start = 0; start < lr.maxDoc() && out.size() < limit; start += range) {
        int end = Math.min(lr.maxDoc(), start + range);
        for (DocumentVector v : texts.embed(embedder, lr, start, end, chosen)) {
          if (v != null && !v.isEmpty() && out.size() < limit) {
            out.add(v.vector());
          }
        }
      }
    }
    return out;
  }

  /** Files of a directory, for size reports. */
  static long sizeOnDisk(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
