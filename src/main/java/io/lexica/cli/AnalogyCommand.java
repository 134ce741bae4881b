package io.lexica.cli;

import io.lexica.vectors.Analogies;
import io.lexica.vectors.Neighbor;
import io.lexica.vectors.store.ModelFiles;
import io.lexica.vectors.store.VectorStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lexica analogy}: a is to b as c is to ? */
@Command(
    name = "analogy",
    mixinStandardHelpOptions = true,
    description = {
      "Answers 'A is to B as C is to ?' (B - A + C), as gensim's most_similar (add) or"
          + " most_similar_cosmul (mul); the question words are never answers.",
      "More words: --positive/--negative add to B, C and A."
    })
final class AnalogyCommand implements Callable<Integer> {
  /** The analogy objective. */
  enum Method {
    add,
    mul
  }

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL", description = "Model directory.")
  Path model;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "A",
      description =
          "A of 'A is to B as C is to ?' (leave A B C out to use only --positive/--negative).")
  String a;

  @Parameters(index = "2", arity = "0..1", paramLabel = "B", description = "B: A is to B ...")
  String b;

  @Parameters(index = "3", arity = "0..1", paramLabel = "C", description = "C: ... as C is to ?")
  String c;

  @Option(
      names = "--positive",
      split = ",",
      paramLabel = "WORD",
      description = "More positive words (default: none).")
  List<String> positive;

  @Option(
      names = "--negative",
      split = ",",
      paramLabel = "WORD",
      description = "More negative words (default: none).")
  List<String> negative;

  @Option(
      names = "--method",
      defaultValue = "add",
      paramLabel = "add|mul",
      description = "add (3CosAdd) or mul (3CosMul, exact scan).")
  Method method;

  @Option(
      names = "-k",
      paramLabel = "N",
      defaultValue = "10",
      converter = OptionTypes.PositiveInt.class,
      description = "Answers to print.")
  int k;

  @Option(names = "--exact", description = "Brute-force search instead of the HNSW graph (add).")
  boolean exact;

  @Option(names = "--json", description = "Print a JSON object.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    List<String> abc = Stream.of(a, b, c).filter(Objects::nonNull).toList();
    if (abc.size() != 0 && abc.size() != 3) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "give three words A B C (or none, with --positive/--negative)");
    }
    List<String> pos = positive == null ? new ArrayList<>() : new ArrayList<>(positive);
    List<String> neg = negative == null ? new ArrayList<>() : new ArrayList<>(negative);
    if (abc.size() == 3) {
      pos.add(0, b);
      pos.add(1, c);
      neg.add(0, a);
    }
    PrintWriter out = spec.commandLine().getOut();
    try (VectorStore store = ModelFiles.store(model)) {
      List<Neighbor> answers =
          method == Method.mul
              ? Analogies.mul(store, pos, neg, k)
              : Analogies.add(exact ? store.exact() : store, pos, neg, k);
      String question =
          "+" + String.join(" +", pos) + (neg.isEmpty() ? "" : " -") + String.join(" -", neg);
      if (json) {
        out.println(NeighborsCommand.Json.neighbors("question", question, answers, null));
      } else {
        out.println(question);
        NeighborsCommand.Json.printTable(answers, out);
      }
      out.flush();
      return 0;
    }
  }
}
