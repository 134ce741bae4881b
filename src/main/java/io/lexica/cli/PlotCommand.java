package io.lexica.cli;

import io.lexica.Model;
import io.lexica.plot.NeighbourPlot;
import io.lexica.plot.PlotOutput;
import io.lexica.util.OutputKind;
import io.lexica.util.OutputPolicy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lexica plot}: a picture of words and their nearest neighbours. */
@Command(
    name = "plot",
    mixinStandardHelpOptions = true,
    description = {
      "Draws each WORD and its nearest words in two dimensions (PCA of their unit vectors),"
          + " each word with its neighbours in one colour, labelled, with a legend: SVG or PNG."
    })
final class PlotCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "MODEL",
      description = "The model: a model directory or a vector file.")
  String model;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "WORD", description = "Words to plot.")
  List<String> words;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "FILE.svg or FILE.png.")
  Path out;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "svg or png (default: what the name of --out ends in).")
  PlotOutput.Format format;

  @Mixin OutputOptions output;

  @Option(
      names = "-k",
      paramLabel = "N",
      defaultValue = "" + NeighbourPlot.Options.DEFAULT_K,
      converter = OptionTypes.PositiveInt.class,
      description = "Neighbours per word.")
  int k;

  @Option(
      names = "--min-similarity",
      paramLabel = "COSINE",
      defaultValue = "-1",
      converter = OptionTypes.Cosine.class,
      description = "Leave out neighbours below this cosine; -1 keeps all.")
  float minSimilarity;

  @Option(
      names = "--width",
      paramLabel = "PIXELS",
      defaultValue = "" + NeighbourPlot.Options.DEFAULT_WIDTH,
      converter = OptionTypes.PositiveInt.class,
      description = "Picture width (a PNG is drawn at twice the size).")
  int width;

  @Option(
      names = "--height",
      paramLabel = "PIXELS",
      defaultValue = "" + NeighbourPlot.Options.DEFAULT_HEIGHT,
      converter = OptionTypes.PositiveInt.class,
      description = "Picture height.")
  int height;

  @Option(
      names = "--title",
      paramLabel = "TEXT",
      description = "The picture's title (default: 'Nearest words of' and the words).")
  String title;

  @Option(
      names = "--layout",
      paramLabel = "LAYOUT",
      defaultValue = "mds",
      description =
          "mds (page distances follow the vectors' distances, started from PCA) or pca (the first"
              + " two principal components: groups apart, but each group's words squeezed).")
  NeighbourPlot.Placement layout;

  @Override
  public Integer call() {
    NeighbourPlot.Options options =
        new NeighbourPlot.Options(k, minSimilarity, width, height, title, layout);
    PlotOutput.Format picture = format != null ? format : PlotOutput.formatOf(out);
    OutputPolicy policy = output.policy(Path.of(model));
    output.check(OutputKind.FILE, out, policy);
    NeighbourPlot plot;
    try (Model opened = Model.open(Path.of(model))) {
      plot =
          NeighbourPlot.of(
              opened.embeddings(), words, options, Path.of(model).getFileName().toString());
    }
    PlotOutput.write(plot.scene(), out, picture, policy);
    PrintWriter o = spec.commandLine().getOut();
    o.println(
        String.format(
            Locale.ROOT,
            "wrote %s: %d words in %d groups",
            out,
            plot.words().size(),
            words.size()));
    o.flush();
    return 0;
  }
}
