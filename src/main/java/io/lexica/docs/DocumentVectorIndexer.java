package io.lexica.docs;

import io.lexica.LexicaException;
import io.lexica.index.SourceIndex;
import io.lexica.util.AtomicOutput;
import io.lexica.util.Progress;
import io.lexica.vectors.Embeddings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;

/**
 * Embeds every live document of an existing index into a new index ({@code lexica embed-docs}). The
 * source is only read. The output holds, per document, its id (indexed, for joins and lookups), the
 * vector, and either a copy of every stored field ({@code sideIndex=false}) or nothing else (a side
 * index keyed by id, for sources whose text should stay where it is). Full-text search keeps using
 * the source index: hybrid search joins the two by id. The output is written to a temporary
 * directory and moved into place when complete, so an interrupted run leaves nothing half-written.
 */
public final class DocumentVectorIndexer {
  /**
   * @param textFields stored fields whose text is embedded (joined by newlines)
   * @param statsField indexed field whose term statistics give IDF/SIF weights
   * @param idField stored field identifying documents
   * @param vectorField name of the vector field to write
   * @param componentSample documents sampled to find SIF's common component
   * @param sideIndex write only id + vector instead of copying stored fields
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
      long seed) {
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
          1);
    }
  }

  /** What a run did. */
  public record Result(int documents, int embedded, int empty, DocumentEmbeddingSpec spec) {}

  private DocumentVectorIndexer() {}

  /**
   * Embeds {@code source} into {@code target}.
   *
   * @param modelName recorded in the output so queries can be embedded the same way
   * @param analyzer the model's analyzer
   */
  public static Result run(
      Path source, Path target, Embeddings model, String modelName, Analyzer analyzer, Options o) {
    try (SourceIndex src = SourceIndex.open(source)) {
      DirectoryReader reader = src.reader();
      TermWeights weights = TermWeights.fromIndex(o.method(), reader, o.statsField(), o.sifA());
      DocumentEmbedder embedder = new DocumentEmbedder(model, analyzer, weights, null);
      checkStoredText(reader, o, source);
      float[] component = null;
      if (o.method() == EmbeddingMethod.SIF) {
        component = CommonComponent.of(sample(reader, embedder, o), model.dimension(), o.seed());
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
      return write(reader, target, embedder, spec, o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Result write(
      DirectoryReader reader,
      Path target,
      DocumentEmbedder embedder,
      DocumentEmbeddingSpec spec,
      Options o)
      throws IOException {
    int embedded = 0;
    int empty = 0;
    try (AtomicOutput out = AtomicOutput.directory(target);
        Directory outDir = FSDirectory.open(out.path());
        Progress progress = Progress.start("embedding documents", reader.numDocs(), "docs")) {
      IndexWriterConfig cfg =
          new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.CREATE);
      cfg.setRAMBufferSizeMB(256);
      try (IndexWriter writer = new IndexWriter(outDir, cfg)) {
        for (LeafReaderContext leaf : reader.leaves()) {
          StoredFields stored = leaf.reader().storedFields();
          Bits live = leaf.reader().getLiveDocs();
          for (int d = 0; d < leaf.reader().maxDoc(); d++) {
            if (live != null && !live.get(d)) {
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
            if (embedder.addVectorField(doc, o.vectorField(), text(src, o.textFields()))) {
              embedded++;
            } else {
              empty++;
            }
            writer.addDocument(doc);
            progress.add(1);
          }
        }
        writer.setLiveCommitData(spec.toUserData().entrySet());
        writer.forceMerge(1);
        writer.commit();
      }
      out.commit();
    }
    return new Result(embedded + empty, embedded, empty, spec);
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

  private static void checkStoredText(IndexReader reader, Options o, Path source)
      throws IOException {
    StoredFields stored = reader.storedFields();
    int probe = Math.min(reader.maxDoc(), 100);
    for (int d = 0; d < probe; d++) {
      if (!text(stored.document(d), o.textFields()).isEmpty()) {
        return;
      }
    }
    if (reader.numDocs() == 0) {
      throw new LexicaException(source + " has no documents", "index some documents first");
    }
    throw new LexicaException(
        "the first "
            + probe
            + " documents of "
            + source
            + " have no stored text in "
            + o.textFields(),
        "name the stored text fields with --text-field (see 'lexica index' which stores title and"
            + " body)");
  }

  /** Every k-th live document's weighted vector, up to {@code componentSample} of them. */
  private static List<float[]> sample(DirectoryReader reader, DocumentEmbedder embedder, Options o)
      throws IOException {
    int step = Math.max(1, reader.numDocs() / Math.max(1, o.componentSample()));
    List<float[]> out = new ArrayList<>();
    StoredFields stored = reader.storedFields();
    Bits live = org.apache.lucene.index.MultiBits.getLiveDocs(reader);
    for (int d = 0; d < reader.maxDoc() && out.size() < o.componentSample(); d += step) {
      if (live != null && !live.get(d)) {
        continue;
      }
      DocumentVector v = embedder.embed(text(stored.document(d), o.textFields()));
      if (!v.isEmpty()) {
        out.add(v.vector());
      }
    }
    return out;
  }

  /** Files of a directory, for size reports. */
  public static long sizeOnDisk(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
