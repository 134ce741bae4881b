package io.lexica.cli;

import io.lexica.vectors.Analogies;
import io.lexica.vectors.Neighbor;
import io.lexica.vectors.store.VectorStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
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

  @Parameters(index = "0", paramLabel = "MODEL", description = "model directory")
  Path model;

  @Parameters(index = "1..3", arity = "0..3", paramLabel = "WORD", description = "A B C")
  List<String> abc = List.of();

  @Option(names = "--positive", split = ",", description = "more positive words")
  List<String> positive = List.of();

  @Option(names = "--negative", split = ",", description = "more negative words")
  List<String> negative = List.of();

  @Option(
      names = "--method",
      defaultValue = "add",
      description = "add (3CosAdd) or mul (3CosMul, exact scan) (default: ${DEFAULT-VALUE})")
  Method method;

  @Option(
      names = {"-k", "--count"},
      defaultValue = "10",
      description = "answers (default: ${DEFAULT-VALUE})")
  int k;

  @Option(names = "--exact", description = "brute-force search instead of the HNSW graph (add)")
  boolean exact;

  @Option(names = "--json", description = "print a JSON object")
  boolean json;

  @Override
  public Integer call() throws IOException {
    if (abc.size() != 0 && abc.size() != 3) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "give three words A B C (or none, with --positive/--negative)");
    }
    List<String> pos = new ArrayList<>(positive);
    List<String> neg = new ArrayList<>(negative);
    if (abc.size() == 3) {
      pos.add(0, abc.get(1));
      pos.add(1, abc.get(2));
      neg.add(0, abc.get(0));
    }
    PrintWriter out = spec.commandLine().getOut();
    try (VectorStore store = VectorStore.open(model)) {
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
