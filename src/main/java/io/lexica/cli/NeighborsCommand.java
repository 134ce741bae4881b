package io.lexica.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.lexica.vectors.Analogies;
import io.lexica.vectors.Embeddings;
import io.lexica.vectors.Neighbor;
import io.lexica.vectors.SubwordEmbeddings;
import io.lexica.vectors.store.ModelFiles;
import io.lexica.vectors.store.VectorStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
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

/** {@code lexica neighbors}: the nearest words of each word, from arguments or stdin. */
@Command(
    name = "neighbors",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the nearest words of each WORD in a model, best first, with cosine similarities.",
      "Without WORDs, reads words from standard input (one or more a line) and answers each line"
          + " as it arrives: an interactive mode."
    })
final class NeighborsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL", description = "Model directory.")
  Path model;

  @Parameters(
      index = "1..*",
      paramLabel = "WORD",
      description = "Words to look up (none: read them from standard input).")
  List<String> words = List.of();

  @Option(
      names = "-k",
      paramLabel = "N",
      defaultValue = "10",
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

  @Option(names = "--exact", description = "Brute-force search instead of the HNSW graph.")
  boolean exact;

  @Option(
      names = "--candidates",
      paramLabel = "N",
      defaultValue = "" + VectorStore.DEFAULT_CANDIDATES,
      converter = OptionTypes.PositiveInt.class,
      description = "HNSW candidates per query: recall against speed.")
  int candidates;

  @Option(names = "--json", description = "One JSON object a word (JSON lines).")
  boolean json;

  @Mixin CrossLingualOptions languages;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    try (VectorStore store = ModelFiles.store(model, candidates)) {
      // With the n-gram rows of a subword model, unseen words get vectors too.
      Embeddings search =
          languages.active()
              ? languages.open(store, exact)
              : SubwordEmbeddings.withSubwords(model, exact ? store.exact() : store);
      if (!words.isEmpty()) {
        boolean allKnown = true;
        for (String w : words) {
          allKnown &= answer(search, w, out);
        }
        out.flush();
        return allKnown ? 0 : io.lexica.LexicaException.EXIT_CODE;
      }
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line; (line = in.readLine()) != null; ) {
        for (String w : line.trim().split("\\s+")) {
          if (!w.isEmpty()) {
            answer(search, w, out);
          }
        }
        out.flush();
      }
      return 0;
    }
  }

  /** Prints the answer for one word; false when the model has no vector for it. */
  private boolean answer(Embeddings search, String word, PrintWriter out) throws IOException {
    boolean known = search.contains(word) || search.unitVector(word) != null;
    List<Neighbor> neighbors = known ? search.nearest(word, k, minSimilarity) : List.of();
    String error = known ? null : Analogies.outOfVocabulary(search, List.of(word)).getMessage();
    if (json) {
      out.println(Json.neighbors("word", word, neighbors, error));
    } else if (error != null) {
      out.println(word + ": " + error);
    } else {
      out.println(word);
      Json.printTable(neighbors, out);
    }
    return known;
  }

  /** JSON and table rendering shared by the query commands. */
  static final class Json {
    private static final JsonFactory FACTORY = new JsonFactory();

    private Json() {}

    static String neighbors(String key, String query, List<Neighbor> neighbors, String error)
        throws IOException {
      java.io.StringWriter s = new java.io.StringWriter();
      try (JsonGenerator g = FACTORY.createGenerator(s)) {
        g.writeStartObject();
        g.writeStringField(key, query);
        if (error != null) {
          g.writeStringField("error", error);
        } else {
          g.writeArrayFieldStart("neighbors");
          for (Neighbor n : neighbors) {
            g.writeStartObject();
            g.writeStringField("word", n.word());
            g.writeNumberField("similarity", n.similarity());
            g.writeEndObject();
          }
          g.writeEndArray();
        }
        g.writeEndObject();
      }
      return s.toString();
    }

    static void printTable(List<Neighbor> neighbors, PrintWriter out) {
      if (neighbors.isEmpty()) {
        out.println("  (no neighbours above the minimum similarity)");
      }
      for (Neighbor n : neighbors) {
        out.println(String.format(Locale.ROOT, "  %.4f  %s", n.similarity(), n.word()));
      }
    }
  }
}
