package io.lexica.cli;

import io.lexica.util.OutputKind;
import io.lexica.util.OutputPolicy;
import io.lexica.vectors.Dl4jZip;
import io.lexica.vectors.VectorFiles;
import io.lexica.vectors.VectorFormat;
import io.lexica.vectors.WordVectors;
import io.lexica.vectors.store.VectorStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lexica export}: a model's raw vectors to a file. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a model's raw vectors, in frequency order and bit for bit as stored, to a vector"
          + " file: word2vec text or binary, GloVe, fastText .vec, or the DL4J zip that Lucene's"
          + " Word2VecSynonymFilter reads (format dl4j-zip). A name ending in .gz is gzipped"
          + " (not for dl4j-zip)."
    })
final class ExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory.")
  Path model;

  @Option(
      names = "--format",
      required = true,
      paramLabel = "FORMAT",
      description =
          "word2vec-text, word2vec-binary, glove, fasttext-vec or " + ImportCommand.DL4J_ZIP + ".")
  String format;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "File to write.")
  Path out;

  @Mixin OutputOptions output;

  @Option(
      names = "--limit",
      defaultValue = "0",
      paramLabel = "N",
      converter = OptionTypes.NonNegativeInt.class,
      description = "The first N words only; 0 = all.")
  int limit;

  @Option(
      names = "--language",
      paramLabel = "NAME",
      description =
          "For an aligned model ('lexica align'): the language to write, e.g. en; its words only,"
              + " in the shared space (default: none; a model with two languages needs it).")
  String language;

  @Override
  public Integer call() {
    boolean dl4j = format.equalsIgnoreCase(ImportCommand.DL4J_ZIP);
    VectorFormat fileFormat = dl4j ? null : VectorFormat.parse(format);
    if (fileFormat != null) {
      VectorFiles.checkWritable(fileFormat);
    }
    OutputPolicy policy = output.policy(model);
    output.check(OutputKind.FILE, out, policy);
    WordVectors vectors;
    try (VectorStore store = VectorStore.open(model)) {
      vectors =
          language == null
              ? store.exportWordVectors(limit)
              : store.inLanguage(language).exportWordVectors(limit);
    }
    if (dl4j) {
      java.util.List<String> zero = Dl4jZip.write(vectors, out, policy);
      if (!zero.isEmpty()) {
        Main.warn(
            spec,
            "left out "
                + zero.size()
                + " word(s) with an all-zero vector, which Lucene's reader cannot load; first: '"
                + zero.get(0)
                + "'");
      }
    } else {
      VectorFiles.write(vectors, out, fileFormat, policy);
    }
    PrintWriter o = spec.commandLine().getOut();
    o.println(
        String.format(
            Locale.ROOT,
            "wrote %,d words x %d dims to %s (%s)",
            vectors.size(),
            vectors.dimension(),
            out,
            format));
    o.flush();
    return 0;
  }
}
