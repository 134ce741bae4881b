package io.lexica.cli;

import io.lexica.phrases.PhraseList;
import io.lexica.vectors.WordVectors;
import io.lexica.vectors.formats.Dl4jZip;
import io.lexica.vectors.formats.VectorFiles;
import io.lexica.vectors.formats.VectorFormat;
import io.lexica.vectors.store.ModelMetadata;
import io.lexica.vectors.store.ModelWriter;
import io.lexica.vectors.store.StoreOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lexica import}: a vector file into a model (vector store). */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Stores the vectors of a file (the word2vec C tool's or gensim's text or binary files, GloVe"
          + " text, fastText .vec, a DL4J word2vec zip) as a Lexica model: a Lucene index with an"
          + " HNSW graph, ready for 'lexica neighbors'. Raw vectors are kept bit for bit. A"
          + " fastText .bin also brings its n-gram rows (subwords.bin), so words it never saw get"
          + " vectors.",
    })
final class ImportCommand implements Callable<Integer> {
  /** The DL4J zip, which Lucene's Word2VecSynonymFilter reads; not a {@link VectorFormat}. */
  static final String DL4J_ZIP = "dl4j-zip";

  @Spec CommandSpec spec;

  @Option(names = "--input", required = true, paramLabel = "FILE", description = "Vector file.")
  Path input;

  @Option(
      names = "--format",
      defaultValue = "auto",
      paramLabel = "FORMAT",
      description =
          "auto (detect from the content), word2vec-text, word2vec-binary, glove, fasttext-vec,"
              + " fasttext-bin or "
              + DL4J_ZIP
              + ".")
  String format;

  @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model to write.")
  Path model;

  @Option(
      names = "--limit",
      defaultValue = "0",
      paramLabel = "N",
      converter = OptionTypes.NonNegativeInt.class,
      description = "Keep the first N words only; 0 = all.")
  int limit;

  @Option(
      names = "--hnsw-m",
      defaultValue = "16",
      paramLabel = "M",
      converter = OptionTypes.PositiveInt.class,
      description = "HNSW connections per node.")
  int maxConn;

  @Option(
      names = "--hnsw-beam-width",
      defaultValue = "100",
      paramLabel = "N",
      converter = OptionTypes.PositiveInt.class,
      description = "HNSW build beam width.")
  int beamWidth;

  @Option(
      names = "--quantize",
      defaultValue = "0",
      paramLabel = "BITS",
      description = "Search on 8-, 7- or 4-bit scalar-quantized vectors; 0 = float.")
  int bits;

  @Option(
      names = "--meta",
      paramLabel = "KEY=VALUE",
      description =
          "Metadata to record, e.g. --meta algorithm=gensim-skipgram --meta param.window=5"
              + " (default: none).")
  Map<String, String> meta;

  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    ModelWriter writer =
        ModelWriter.directory(model, output.policy(input))
            .storeOptions(new StoreOptions(maxConn, beamWidth, bits));
    output.check(writer);
    Map<String, String> extra = meta == null ? Map.of() : meta;
    ModelMetadata.imported(input, null).putAll(extra); // --meta checked before the file is read
    VectorFiles.ReadOptions reading = new VectorFiles.ReadOptions(limit, false, true);
    VectorFiles.Loaded loaded =
        format.equalsIgnoreCase(DL4J_ZIP)
            ? Dl4jZip.read(input, reading)
            : VectorFiles.read(input, VectorFormat.parse(format), reading);
    PrintWriter err = spec.commandLine().getErr();
    loaded.warnings().forEach(w -> err.println("lexica import: warning: " + w));
    err.flush();
    WordVectors vectors = loaded.vectors();
    String readAs = loaded.format() == null ? DL4J_ZIP : loaded.format().id();
    writer.write(
        loaded.weights(), PhraseList.EMPTY, ModelMetadata.imported(input, readAs).putAll(extra));
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        String.format(
            Locale.ROOT,
            "stored %,d words x %d dims from %s (%s) in %s",
            vectors.size(),
            vectors.dimension(),
            input,
            readAs,
            model));
    out.flush();
    return 0;
  }
}
