package io.lexica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.Lexica.TrainOptions;
import io.lexica.docs.Hit;
import io.lexica.expand.Expansion;
import io.lexica.expand.ExpansionSettings;
import io.lexica.vectors.Neighbor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the facade's example, the code of {@link Lexica}'s javadoc and of the README's "Java API"
 * section (the test checks that both hold these lines), on a small index built here, and checks
 * what it prints.
 */
class LexicaExampleTest {
  @TempDir Path work;

  /** Themes of the planted corpus: documents of one theme share its words. */
  private static final String[][] THEMES = {
    {"famine", "egypt", "grain", "land", "hunger", "harvest", "storehouse", "bread"},
    {"king", "queen", "throne", "palace", "crown", "reign", "prince", "court"},
    {"sea", "ship", "sailor", "wave", "harbour", "storm", "island", "boat"},
  };

  private static final String[] COMMON = {"the", "of", "and", "in", "a", "to"};

  private Path corpus() throws IOException {
    Random random = new Random(7);
    List<String> lines = new ArrayList<>();
    for (int d = 0; d < 300; d++) {
      String[] theme = THEMES[d % THEMES.length];
      StringBuilder body = new StringBuilder();
      for (int w = 0; w < 60; w++) {
        String word =
            random.nextInt(3) == 0
                ? COMMON[random.nextInt(COMMON.length)]
                : theme[random.nextInt(theme.length)];
        body.append(w == 0 ? "" : " ").append(word);
      }
      lines.add(theme[0] + " story " + d + "\t" + body);
    }
    return Files.write(work.resolve("corpus.tsv"), lines);
  }

  @Test
  void theExampleRunsAsWritten() throws IOException {
    Lexica.index(List.of(corpus()), work.resolve("index"));
    PrintStream stdout = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      // README:begin
      Path index = work.resolve("index"); // a Lucene index with a "body" text field
      try (Model model =
          Lexica.train(index, "body", work.resolve("model"), TrainOptions.defaults())) {
        for (Neighbor n : model.neighbors("king", 5)) {
          System.out.printf("%s %.2f%n", n.word(), n.similarity());
        }
        Path vectors = work.resolve("doc-vectors");
        Lexica.embedDocuments(index, model, vectors); // SIF document vectors, for kNN and hybrid
        try (DocumentSearch search = DocumentSearch.open(index, "body", model, vectors)) {
          String query = "famine in the land of egypt";
          Expansion e = search.expand(query, model.expander(ExpansionSettings.DEFAULTS));
          System.out.println(e.explain());
          for (Hit hit : search.hybrid(query, 5)) {
            System.out.printf("%.3f %s%n", hit.score(), search.stored(hit, "title"));
          }
        }
      }
      // README:end
    } finally {
      System.setOut(stdout);
    }
    List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
    // five neighbours of king, all of its theme (the planted structure)
    List<String> neighbours = lines.subList(0, 5).stream().map(l -> l.split(" ")[0]).toList();
    assertEquals(5, neighbours.size(), lines.toString());
    List<String> royal = List.of(THEMES[1]);
    assertTrue(neighbours.stream().filter(royal::contains).count() >= 4, neighbours.toString());
    // the expansion adds terms of the famine theme (feedback from the first pass)
    String explained = String.join("\n", lines);
    assertTrue(explained.contains("harvest") || explained.contains("storehouse"), explained);
    // five hybrid hits, all famine stories
    List<String> hits = lines.subList(lines.size() - 5, lines.size());
    for (String hit : hits) {
      assertTrue(hit.contains(" famine story "), hits.toString());
    }
    assertTrue(Files.isDirectory(work.resolve("model")));
  }

  @Test
  void readmeAndJavadocShowTheSameCode() throws IOException {
    List<String> example = region(Path.of("src/test/java/io/lexica/LexicaExampleTest.java"));
    assertTrue(example.size() > 10 && example.size() < 25, example.size() + " lines");
    String readme = Files.readString(Path.of("README.md"));
    assertTrue(readme.contains(indented(example, "")), "README's Java API shows the test's code");
    String javadoc =
        Files.readString(Path.of("src/main/java/io/lexica/Lexica.java"))
            .lines()
            .map(l -> l.replaceFirst("^ \\* ?", ""))
            .collect(Collectors.joining("\n"));
    assertTrue(javadoc.contains(indented(example, "")), "Lexica's javadoc shows the test's code");
    assertFalse(example.isEmpty());
  }

  /** The lines between the README markers, without the test's indentation. */
  private static List<String> region(Path file) throws IOException {
    List<String> all = Files.readAllLines(file);
    int from = -1;
    int to = -1;
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).trim().equals("// README:begin")) {
        from = i + 1;
      } else if (all.get(i).trim().equals("// README:end")) {
        to = i;
      }
    }
    String indent = all.get(from).substring(0, all.get(from).indexOf(all.get(from).trim()));
    return all.subList(from, to).stream()
        .map(l -> l.substring(Math.min(indent.length(), l.length())))
        .toList();
  }

  private static String indented(List<String> lines, String indent) {
    return lines.stream().map(l -> indent + l).collect(Collectors.joining("\n"));
  }
}
