package io.lexica.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.lexica.LexicaException;
import io.lexica.eval.AnalogyEvaluator;
import io.lexica.eval.AnalogyEvaluator.Method;
import io.lexica.eval.AnalogyQuestions;
import io.lexica.eval.AnalogyReport;
import io.lexica.eval.SimilarityEvaluator;
import io.lexica.eval.SimilarityReport;
import io.lexica.eval.WordPairs;
import io.lexica.util.AtomicOutput;
import io.lexica.util.OutputKind;
import io.lexica.util.OutputPolicy;
import io.lexica.vectors.WordVectors;
import io.lexica.vectors.formats.VectorFiles;
import io.lexica.vectors.formats.VectorFormat;
import io.lexica.vectors.store.ModelFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lexica eval}: quality of word vectors on analogy and word-similarity test sets. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description =
        "Evaluates word vectors (analogies, word similarity) and retrieval with query expansion.",
    subcommands = {
      EvalCommand.Analogy.class,
      EvalCommand.Similarity.class,
      OverlapEvalCommand.class,
      RetrievalEvalCommand.class,
      TranslationEvalCommand.class,
      BiasEvalCommand.class
    })
final class EvalCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "name what to evaluate: analogy, similarity, overlap, retrieval, translation or bias");
  }

  /** The vectors to evaluate and how to read them. */
  static final class Source {
    @Parameters(
        index = "0",
        paramLabel = "FILE|MODEL",
        description =
            "Vector file (word2vec text or binary, GloVe, fastText .vec or .bin; gzip ok) or model"
                + " directory.")
    Path path;

    @Option(
        names = "--format",
        defaultValue = "auto",
        paramLabel = "FORMAT",
        description =
            "auto (detect from the content), word2vec-text, word2vec-binary, glove, fasttext-vec,"
                + " fasttext-bin.")
    String format;

    @Option(names = "--json", description = "Print the results as JSON.")
    boolean json;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    VectorFiles.Loaded load(int limit) {
      return warned(
          command,
          path,
          ModelFiles.vectors(
              path, VectorFormat.parse(format), new VectorFiles.ReadOptions(limit, false)));
    }

    /**
     * The vectors of any other FILE|MODEL input of {@code command} (a vector file in a detected
     * format, or a model), read as the evaluated ones are; the readers' warnings go to standard
     * error.
     */
    static WordVectors vectors(CommandSpec command, Path path) {
      return warned(
              command,
              path,
              ModelFiles.vectors(path, VectorFormat.AUTO, VectorFiles.ReadOptions.DEFAULT))
          .vectors();
    }

    private static VectorFiles.Loaded warned(
        CommandSpec command, Path path, VectorFiles.Loaded loaded) {
      for (String w : loaded.warnings()) {
        Main.warn(command, path.getFileName() + ": " + w);
      }
      return loaded;
    }
  }

  @Command(
      name = "analogy",
      mixinStandardHelpOptions = true,
      description = {
        "Word analogies (a is to b as c is to ?) with the protocol of word2vec's compute-accuracy:"
            + " lowercase, search the most frequent words only, skip questions with a word outside"
            + " them (coverage), exclude the three question words. Reports accuracy per section,"
            + " semantic (first 5 sections), syntactic and total."
      })
  static final class Analogy implements Runnable {
    @Spec CommandSpec spec;
    @Mixin Source source;

    @Option(
        names = "--questions",
        required = true,
        paramLabel = "FILE",
        description = "Questions in word2vec's questions-words format (': section' lines).")
    Path questions;

    @Option(
        names = "--restrict",
        defaultValue = "30000",
        paramLabel = "N",
        converter = OptionTypes.NonNegativeInt.class,
        description = "Search the first N words of the model (frequency order); 0 = all.")
    int restrict;

    @Option(
        names = "--method",
        defaultValue = "both",
        paramLabel = "add|mul|both",
        description = "3CosAdd (add), 3CosMul (mul) or both.")
    String method;

    @Option(
        names = "--threads",
        defaultValue = "2",
        paramLabel = "N",
        converter = OptionTypes.PositiveInt.class,
        description = "Worker threads.")
    int threads;

    @Option(
        names = "--semantic-sections",
        defaultValue = "5",
        paramLabel = "N",
        converter = OptionTypes.NonNegativeInt.class,
        description = "How many leading sections are semantic (5 in questions-words).")
    int semanticSections;

    @Option(
        names = "--answers",
        paramLabel = "FILE",
        description =
            "Also write every question's answers as TSV: section, a, b, c, expected,"
                + " then the answer of each method (empty when the question was not seen;"
                + " default: none).")
    Path answers;

    @Mixin OutputOptions output;

    @Override
    public void run() {
      List<Method> methods =
          switch (method.toLowerCase(Locale.ROOT)) {
            case "add" -> List.of(Method.ADD);
            case "mul" -> List.of(Method.MUL);
            case "both" -> List.of(Method.ADD, Method.MUL);
            default ->
                throw new LexicaException(
                    "unknown --method '" + method + "'", "use add, mul or both");
          };
      OutputPolicy policy = output.policy(source.path, questions);
      if (answers != null) {
        output.check(OutputKind.FILE, answers, policy);
      }
      PrintWriter out = spec.commandLine().getOut();
      AnalogyQuestions qs = AnalogyQuestions.read(questions);
      long t0 = System.nanoTime();
      VectorFiles.Loaded loaded = source.load(restrict);
      long t1 = System.nanoTime();
      AnalogyReport report =
          AnalogyEvaluator.evaluate(
              loaded.vectors(),
              qs,
              new AnalogyEvaluator.Options(restrict, methods, threads, semanticSections));
      double evalSeconds = (System.nanoTime() - t1) / 1e9;
      double loadSeconds = (t1 - t0) / 1e9;
      if (answers != null) {
        writeAnswers(report, answers, policy);
      }
      if (source.json) {
        json(out, gen -> analogyJson(gen, loaded, qs, report, loadSeconds, evalSeconds));
      } else {
        analogyTable(out, loaded, qs, report, loadSeconds, evalSeconds);
      }
      out.flush();
    }

    private void analogyTable(
        PrintWriter out,
        VectorFiles.Loaded loaded,
        AnalogyQuestions qs,
        AnalogyReport r,
        double loadSeconds,
        double evalSeconds) {
      WordVectors v = loaded.vectors();
      out.printf(
          Locale.ROOT,
          "vectors: %s (%s, %,d words read, %d dims); searched: the first %,d words%n",
          source.path,
          kind(loaded),
          v.size(),
          v.dimension(),
          r.searchedWords());
      out.printf(
          Locale.ROOT,
          "questions: %s (%,d in %d sections)%n%n",
          qs.name(),
          qs.size(),
          qs.sections().size());
      StringBuilder head =
          new StringBuilder(String.format(Locale.ROOT, "%-28s %15s", "section", "seen / total"));
      for (Method m : r.methods()) {
        head.append(String.format(Locale.ROOT, "  %-18s", m.label()));
      }
      out.println(head.toString().stripTrailing());
      for (AnalogyReport.Tally t : r.sections()) {
        out.println(row(t, r.methods()));
      }
      out.println();
      out.println(row(r.semantic(), r.methods()));
      out.println(row(r.syntactic(), r.methods()));
      out.println(row(r.total(), r.methods()));
      out.printf(
          Locale.ROOT,
          "%ncoverage: %.2f %% of the questions seen (%,d of %,d)%n",
          100 * r.total().coverage(),
          r.total().seen(),
          r.total().questions());
      out.printf(Locale.ROOT, "time: load %.1f s, evaluation %.1f s%n", loadSeconds, evalSeconds);
    }

    private static String row(AnalogyReport.Tally t, List<Method> methods) {
      StringBuilder sb =
          new StringBuilder(
              String.format(Locale.ROOT, "%-28s %6d / %6d", t.name(), t.seen(), t.questions()));
      for (Method m : methods) {
        sb.append(
            t.seen() == 0
                ? String.format(Locale.ROOT, "  %-18s", "-")
                : String.format(
                    Locale.ROOT,
                    "  %6.2f %% %-9s",
                    100 * t.accuracy(m),
                    "(" + t.correct().get(m) + ")"));
      }
      return sb.toString().stripTrailing();
    }

    private void analogyJson(
        JsonGenerator g,
        VectorFiles.Loaded loaded,
        AnalogyQuestions qs,
        AnalogyReport r,
        double loadSeconds,
        double evalSeconds)
        throws IOException {
      g.writeStartObject();
      g.writeStringField("vectors", source.path.toString());
      g.writeStringField("format", kind(loaded));
      g.writeNumberField("wordsRead", loaded.vectors().size());
      g.writeNumberField("dimension", loaded.vectors().dimension());
      g.writeNumberField("searchedWords", r.searchedWords());
      g.writeStringField("questions", qs.name());
      g.writeArrayFieldStart("methods");
      for (Method m : r.methods()) {
        g.writeString(m.label());
      }
      g.writeEndArray();
      g.writeArrayFieldStart("sections");
      for (AnalogyReport.Tally t : r.sections()) {
        tallyJson(g, t, r.methods());
      }
      g.writeEndArray();
      g.writeFieldName("semantic");
      tallyJson(g, r.semantic(), r.methods());
      g.writeFieldName("syntactic");
      tallyJson(g, r.syntactic(), r.methods());
      g.writeFieldName("total");
      tallyJson(g, r.total(), r.methods());
      g.writeNumberField("loadSeconds", loadSeconds);
      g.writeNumberField("evalSeconds", evalSeconds);
      g.writeEndObject();
    }

    private static void tallyJson(JsonGenerator g, AnalogyReport.Tally t, List<Method> methods)
        throws IOException {
      g.writeStartObject();
      g.writeStringField("name", t.name());
      g.writeNumberField("questions", t.questions());
      g.writeNumberField("seen", t.seen());
      g.writeObjectFieldStart("correct");
      for (Method m : methods) {
        g.writeNumberField(m.label(), t.correct().get(m));
      }
      g.writeEndObject();
      g.writeObjectFieldStart("accuracy");
      for (Method m : methods) {
        if (t.seen() == 0) {
          g.writeNullField(m.label());
        } else {
          g.writeNumberField(m.label(), t.accuracy(m));
        }
      }
      g.writeEndObject();
      g.writeEndObject();
    }

    private static void writeAnswers(AnalogyReport r, Path file, OutputPolicy policy) {
      try (AtomicOutput out = AtomicOutput.file(file, policy)) {
        try (BufferedWriter w = Files.newBufferedWriter(out.path(), StandardCharsets.UTF_8)) {
          StringBuilder head = new StringBuilder("section\ta\tb\tc\texpected");
          for (Method m : r.methods()) {
            head.append('\t').append(m.label());
          }
          w.write(head.append('\n').toString());
          for (AnalogyReport.Answer a : r.answers()) {
            StringBuilder sb = new StringBuilder(a.section());
            AnalogyQuestions.Question q = a.question();
            sb.append('\t').append(q.a()).append('\t').append(q.b()).append('\t').append(q.c());
            sb.append('\t').append(q.expected());
            for (String p : a.predicted()) {
              sb.append('\t').append(p == null ? "" : p);
            }
            w.write(sb.append('\n').toString());
          }
        }
        out.commit();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Command(
      name = "similarity",
      mixinStandardHelpOptions = true,
      description = {
        "Word similarity: Spearman and Pearson correlation of the vectors' cosines with human"
            + " scores, per pair file, with the share of pairs whose words the model lacks (OOV),"
            + " which are left out of the correlations."
      })
  static final class Similarity implements Runnable {
    @Spec CommandSpec spec;
    @Mixin Source source;

    @Option(
        names = "--pairs",
        required = true,
        arity = "1..*",
        paramLabel = "FILE",
        description = "Pair files: word1<TAB>word2<TAB>score per line, # comments.")
    List<Path> pairs;

    @Option(
        names = "--restrict",
        defaultValue = "0",
        paramLabel = "N",
        converter = OptionTypes.NonNegativeInt.class,
        description = "Only the first N words count as known; 0 = all.")
    int restrict;

    @Override
    public void run() {
      List<WordPairs> sets = new ArrayList<>();
      for (Path p : pairs) {
        sets.add(WordPairs.read(p));
      }
      VectorFiles.Loaded loaded = source.load(restrict);
      List<SimilarityReport> reports = new ArrayList<>();
      for (WordPairs set : sets) {
        reports.add(SimilarityEvaluator.evaluate(loaded.vectors(), set, restrict));
      }
      PrintWriter out = spec.commandLine().getOut();
      if (source.json) {
        json(
            out,
            g -> {
              g.writeStartObject();
              g.writeStringField("vectors", source.path.toString());
              g.writeStringField("format", kind(loaded));
              g.writeNumberField("wordsRead", loaded.vectors().size());
              g.writeArrayFieldStart("results");
              for (SimilarityReport r : reports) {
                g.writeStartObject();
                g.writeStringField("pairs", r.name());
                g.writeNumberField("total", r.pairs());
                g.writeNumberField("oov", r.oov());
                g.writeNumberField("oovRatio", r.oovRatio());
                number(g, "spearman", r.spearman());
                number(g, "pearson", r.pearson());
                g.writeEndObject();
              }
              g.writeEndArray();
              g.writeEndObject();
            });
      } else {
        out.printf(
            Locale.ROOT,
            "vectors: %s (%s, %,d words, %d dims)%n%n",
            source.path,
            kind(loaded),
            loaded.vectors().size(),
            loaded.vectors().dimension());
        out.printf(
            Locale.ROOT,
            "%-24s %6s %5s %7s %9s %9s%n",
            "pairs",
            "total",
            "oov",
            "oov %",
            "spearman",
            "pearson");
        for (SimilarityReport r : reports) {
          out.printf(
              Locale.ROOT,
              "%-24s %6d %5d %6.1f%% %9.4f %9.4f%n",
              r.name(),
              r.pairs(),
              r.oov(),
              100 * r.oovRatio(),
              r.spearman(),
              r.pearson());
        }
      }
      out.flush();
    }

    private static void number(JsonGenerator g, String name, double v) throws IOException {
      if (Double.isNaN(v)) {
        g.writeNullField(name);
      } else {
        g.writeNumberField(name, v);
      }
    }
  }

  /** The format read, or "model" for a model directory. */
  static String kind(VectorFiles.Loaded loaded) {
    return loaded.format() == null ? "model" : loaded.format().id();
  }

  /** Writes JSON to {@code out}, pretty-printed. */
  interface JsonBody {
    void write(JsonGenerator g) throws IOException;
  }

  static void json(PrintWriter out, JsonBody body) {
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.useDefaultPrettyPrinter();
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.println();
  }
}
