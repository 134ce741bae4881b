package io.lexica.cli;

import io.lexica.LexicaException;
import io.lexica.util.OutputPolicy;
import io.lexica.vectors.Dl4jZip;
import io.lexica.vectors.FastTextBin;
import io.lexica.vectors.FastTextModel;
import io.lexica.vectors.ModelWeights;
import io.lexica.vectors.VectorFiles;
import io.lexica.vectors.VectorFormat;
import io.lexica.vectors.WordVectors;
import io.lexica.vectors.store.StoreOptions;
import io.lexica.vectors.store.VectorStore;
import io.lexica.vectors.store.VectorStoreWriter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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

  @Option(names = "--input", required = true, paramLabel = "FILE", description = "vector file")
  Path input;

  @Option(
      names = "--format",
      defaultValue = "auto",
      paramLabel = "FORMAT",
      description =
          "auto (detect; default), word2vec-text, word2vec-binary, glove, fasttext-vec, "
              + DL4J_ZIP)
  String format;

  @Option(names = "--model", required = true, paramLabel = "DIR", description = "model to write")
  Path model;

  @Option(
      names = "--limit",
      defaultValue = "0",
      paramLabel = "N",
      description = "keep the first N words only (0: all)")
  int limit;

  @Option(
      names = "--hnsw-m",
      defaultValue = "16",
      paramLabel = "M",
      description = "HNSW connections per node (default: ${DEFAULT-VALUE})")
  int maxConn;

  @Option(
      names = "--hnsw-beam-width",
      defaultValue = "100",
      paramLabel = "N",
      description = "HNSW build beam width (default: ${DEFAULT-VALUE})")
  int beamWidth;

  @Option(
      names = "--quantize",
      defaultValue = "0",
      paramLabel = "BITS",
      description = "search on 8-, 7- or 4-bit scalar-quantized vectors; 0 = float (default)")
  int bits;

  @Option(
      names = "--meta",
      paramLabel = "KEY=VALUE",
      description =
          "metadata to record, e.g. --meta algorithm=gensim-skipgram --meta param.window=5")
  Map<String, String> meta = new LinkedHashMap<>();

  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    OutputPolicy policy = output.policy(input);
    output.check(VectorStore.KIND, model, policy);
    StoreOptions options = new StoreOptions(maxConn, beamWidth, bits);
    if (!Files.isRegularFile(input)) {
      throw new LexicaException("no such file: " + input, "check the --input path");
    }
    WordVectors vectors;
    String readAs;
    ModelWeights weights = null;
    if ((format.equalsIgnoreCase(VectorFormat.AUTO.id())
            || format.equalsIgnoreCase(VectorFormat.FASTTEXT_BIN.id()))
        && FastTextBin.isFastTextBin(input)) {
      // A fastText model: its word vectors, plus its n-gram rows for words never seen and, for the
      // whole model, its own word rows and output rows, so that training can continue from it.
      FastTextModel ft = FastTextBin.read(input, limit == 0);
      weights =
          limit == 0
              ? ModelWeights.of(ft)
              : new ModelWeights(ft.wordVectors(limit), null, null, ft.ngrams());
      vectors = weights.vectors();
      readAs = VectorFormat.FASTTEXT_BIN.id();
    } else if (format.equalsIgnoreCase(DL4J_ZIP)) {
      vectors = Dl4jZip.read(input);
      if (limit > 0 && limit < vectors.size()) {
        throw new LexicaException(
            "--limit is not supported for " + DL4J_ZIP, "import the whole zip");
      }
      readAs = DL4J_ZIP;
    } else {
      VectorFiles.Loaded loaded =
          VectorFiles.read(
              input, VectorFormat.parse(format), new VectorFiles.ReadOptions(limit, false));
      PrintWriter err = spec.commandLine().getErr();
      loaded.warnings().forEach(w -> err.println("lexica import: warning: " + w));
      err.flush();
      vectors = loaded.vectors();
      readAs = loaded.format().id();
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put(VectorStore.KEY_ALGORITHM, "imported");
    metadata.put("source.file", input.toAbsolutePath().toString());
    metadata.put("source.format", readAs);
    metadata.putAll(meta);
    VectorStoreWriter.write(
        weights != null ? weights : ModelWeights.of(vectors), metadata, model, options, policy);
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
