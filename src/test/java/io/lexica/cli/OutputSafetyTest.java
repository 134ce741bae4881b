package io.lexica.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.docs.DocumentVectorIndexer;
import io.lexica.index.Indexer;
import io.lexica.util.AtomicOutput;
import io.lexica.util.OutputKind;
import io.lexica.vectors.store.VectorStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every command that writes, against targets of every kind: what it may replace it replaces, what
 * it may not it refuses with exit code 3 before touching anything, and nothing else in the folder
 * (its inputs above all) changes either way. Whether {@code --overwrite} is given is drawn at
 * random per case (the seed is in every failure message).
 */
class OutputSafetyTest {
  @TempDir static Path fixtures;
  @TempDir Path work;

  /** What a target path holds before the command runs. */
  enum Target {
    MISSING,
    EMPTY_FOLDER,
    FILE,
    FOREIGN_FOLDER,
    LEXICA_INDEX,
    MODEL,
    VECTOR_INDEX,
    THE_INPUT,
    INSIDE_THE_INPUT,
    HOLDS_THE_INPUT
  }

  /**
   * A writing command: its arguments given the sandbox and the output path, its input (inside
   * {@code in/}), and the kind of output it writes.
   */
  record Writer(String name, OutputKind kind, String input, Function<Args, List<String>> args) {}

  record Args(Path root, Path target) {
    String in(String name) {
      return root.resolve("in").resolve(name).toString();
    }

    String out() {
      return target.toString();
    }
  }

  private static final List<Writer> WRITERS =
      List.of(
          new Writer(
              "index",
              Indexer.KIND,
              "docs.jsonl",
              a -> List.of("index", "--input", a.in("docs.jsonl"), "--index", a.out())),
          new Writer(
              "train (model)",
              VectorStore.KIND,
              "srcidx",
              a -> train(a.in("srcidx"), a.out(), "store")),
          new Writer(
              "train (vector file)",
              OutputKind.FILE,
              "srcidx",
              a -> train(a.in("srcidx"), a.out(), "word2vec-text")),
          new Writer(
              "train --init (continued)",
              VectorStore.KIND,
              "model",
              a ->
                  List.of(
                      "train",
                      "--init",
                      a.in("model"),
                      "--index",
                      a.in("srcidx"),
                      "--out",
                      a.out(),
                      "--format",
                      "store",
                      "--epochs",
                      "1",
                      "--min-count",
                      "1",
                      "--threads",
                      "1",
                      "--quiet")),
          new Writer(
              "update --out",
              VectorStore.KIND,
              "growing",
              a ->
                  List.of(
                      "update",
                      a.in("gmodel"),
                      "--index",
                      a.in("growing"),
                      "--out",
                      a.out(),
                      "--epochs",
                      "1",
                      "--threads",
                      "1",
                      "--quiet")),
          new Writer(
              "eval retrieval --save-json",
              OutputKind.FILE,
              "collection",
              a ->
                  List.of(
                      "eval",
                      "retrieval",
                      "--collection",
                      a.in("collection"),
                      "--baselines",
                      "--trials",
                      "10",
                      "--save-json",
                      a.out())),
          new Writer(
              "retrofit",
              VectorStore.KIND,
              "model",
              a ->
                  List.of(
                      "retrofit",
                      a.in("model"),
                      "--lexicon",
                      "solr:" + a.in("synonyms.txt"),
                      "--out",
                      a.out())),
          new Writer(
              "import",
              VectorStore.KIND,
              "vectors.txt",
              a -> List.of("import", "--input", a.in("vectors.txt"), "--model", a.out())),
          new Writer(
              "export",
              OutputKind.FILE,
              "model",
              a ->
                  List.of(
                      "export",
                      "--model",
                      a.in("model"),
                      "--format",
                      "word2vec-text",
                      "--out",
                      a.out())),
          new Writer(
              "export --format synonyms",
              OutputKind.FILE,
              "srcidx",
              a ->
                  List.of(
                      "export",
                      "--model",
                      a.in("model"),
                      "--format",
                      "synonyms",
                      "--index",
                      a.in("srcidx"),
                      "--out",
                      a.out())),
          new Writer(
              "plot",
              OutputKind.FILE,
              "model",
              a ->
                  List.of(
                      "plot",
                      a.in("model"),
                      "king",
                      "queen",
                      "-k",
                      "3",
                      "--format",
                      "svg",
                      "--out",
                      a.out())),
          new Writer(
              "embed-docs",
              DocumentVectorIndexer.KIND,
              "srcidx",
              a ->
                  List.of(
                      "embed-docs",
                      "--index",
                      a.in("srcidx"),
                      "--model",
                      a.in("model"),
                      "--out",
                      a.out())),
          new Writer(
              "corpus export",
              OutputKind.FILE,
              "srcidx",
              a -> List.of("corpus", "export", "--index", a.in("srcidx"), "--out", a.out())),
          new Writer(
              "align",
              VectorStore.KIND,
              "model",
              a ->
                  List.of(
                      "align",
                      "--source",
                      a.in("model"),
                      "--target",
                      a.in("model"),
                      "--dictionary",
                      a.in("dictionary.txt"),
                      "--source-language",
                      "xx",
                      "--target-language",
                      "yy",
                      "--threads",
                      "1",
                      "--out",
                      a.out())),
          new Writer(
              "debias",
              VectorStore.KIND,
              "model",
              a -> List.of("debias", a.in("model"), "--out", a.out())),
          new Writer(
              "eval analogy --answers",
              OutputKind.FILE,
              "questions.txt",
              a ->
                  List.of(
                      "eval",
                      "analogy",
                      a.in("model"),
                      "--questions",
                      a.in("questions.txt"),
                      "--answers",
                      a.out())));

  private static List<String> train(String index, String out, String format) {
    return List.of(
        "train",
        "--index",
        index,
        "--out",
        out,
        "--format",
        format,
        "--dim",
        "8",
        "--epochs",
        "1",
        "--min-count",
        "1",
        "--threads",
        "1",
        "--quiet");
  }

  private static int run(List<String> args, StringWriter err) {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(new StringWriter()));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args.toArray(String[]::new));
  }

  private static void mustRun(String... args) {
    StringWriter err = new StringWriter();
    assertEquals(0, run(List.of(args), err), () -> String.join(" ", args) + ": " + err);
  }

  /** One sandbox's worth of inputs and targets, copied for each case. */
  @BeforeAll
  static void makeFixtures() throws IOException {
    Path in = Files.createDirectories(fixtures.resolve("in"));
    StringBuilder docs = new StringBuilder();
    String[] lines = {
      "the king ruled the land and the queen ruled with him",
      "a man and a woman walked to the city with the king",
      "the queen spoke to the man in the land of the city",
    };
    for (int i = 0; i < 30; i++) {
      docs.append("{\"id\":\"d")
          .append(i)
          .append("\",\"title\":\"t\",\"text\":\"")
          .append(lines[i % 3])
          .append("\"}\n");
    }
    Files.writeString(in.resolve("docs.jsonl"), docs);
    Files.writeString(in.resolve("questions.txt"), ": family\nman king woman queen\n");
    Files.writeString(in.resolve("synonyms.txt"), "king, queen\nman, woman\n");
    // a seed dictionary mapping the model onto itself, word for word
    Files.writeString(
        in.resolve("dictionary.txt"),
        Stream.of(String.join(" ", lines).split(" "))
            .distinct()
            .map(w -> w + " " + w + "\n")
            .collect(Collectors.joining()));
    Path collection = Files.createDirectories(in.resolve("collection"));
    Files.writeString(collection.resolve("docs.jsonl"), docs);
    Files.writeString(collection.resolve("queries.tsv"), "q1\tking queen\nq2\tcity man\n");
    Files.writeString(collection.resolve("qrels.txt"), "q1 0 d0 1\nq2 0 d1 1\n");
    mustRun("index", "--input", in.resolve("docs.jsonl").toString(), "--index", s(in, "srcidx"));
    mustRun(train(s(in, "srcidx"), s(in, "model"), "store").toArray(String[]::new));
    mustRun(
        "export",
        "--model",
        s(in, "model"),
        "--format",
        "word2vec-text",
        "--out",
        s(in, "vectors.txt"));
    // a model of an index that has grown since: the update's inputs
    mustRun("index", "--input", in.resolve("docs.jsonl").toString(), "--index", s(in, "growing"));
    mustRun(train(s(in, "growing"), s(in, "gmodel"), "store").toArray(String[]::new));
    mustRun(
        "index",
        "--append",
        "--input",
        in.resolve("docs.jsonl").toString(),
        "--index",
        s(in, "growing"));
    // targets of each kind, none of them an input
    mustRun(
        "index", "--input", in.resolve("docs.jsonl").toString(), "--index", s(fixtures, "index2"));
    mustRun("import", "--input", s(in, "vectors.txt"), "--model", s(fixtures, "model2"));
    mustRun(
        "embed-docs",
        "--index",
        s(in, "srcidx"),
        "--model",
        s(in, "model"),
        "--out",
        s(fixtures, "vecidx"));
    Files.createDirectory(fixtures.resolve("empty"));
    Files.writeString(fixtures.resolve("afile.txt"), "a user's notes");
    Path foreign = Files.createDirectories(fixtures.resolve("foreign").resolve("sub"));
    Files.writeString(foreign.resolve("deep.txt"), "deep");
    Files.writeString(fixtures.resolve("foreign").resolve("notes.txt"), "notes");
  }

  private static String s(Path dir, String name) {
    return dir.resolve(name).toString();
  }

  private Path target(Path root, Writer w, Target t) {
    Path input = root.resolve("in").resolve(w.input());
    return switch (t) {
      case MISSING -> root.resolve("new");
      case EMPTY_FOLDER -> root.resolve("empty");
      case FILE -> root.resolve("afile.txt");
      case FOREIGN_FOLDER -> root.resolve("foreign");
      case LEXICA_INDEX -> root.resolve("index2");
      case MODEL -> root.resolve("model2");
      case VECTOR_INDEX -> root.resolve("vecidx");
      case THE_INPUT -> input;
      case INSIDE_THE_INPUT -> input.resolve("out");
      case HOLDS_THE_INPUT -> root.resolve("in");
    };
  }

  /** Whether {@code w} may replace {@code t} without {@code --overwrite}. */
  private static boolean replacesUnasked(Writer w, Target t) {
    return switch (t) {
      case MISSING, EMPTY_FOLDER -> true;
      case FILE -> w.kind() == OutputKind.FILE;
      case LEXICA_INDEX -> w.kind() == Indexer.KIND;
      case MODEL -> w.kind() == VectorStore.KIND;
      case VECTOR_INDEX -> w.kind() == DocumentVectorIndexer.KIND;
      default -> false;
    };
  }

  private static boolean isInput(Target t) {
    return t == Target.THE_INPUT || t == Target.INSIDE_THE_INPUT || t == Target.HOLDS_THE_INPUT;
  }

  @Test
  void everyWriterAgainstEveryKindOfTarget() throws IOException {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    for (Writer w : WRITERS) {
      for (Target t : Target.values()) {
        boolean overwrite = random.nextBoolean();
        String label =
            w.name() + " -> " + t + (overwrite ? " --overwrite" : "") + " (seed " + seed + ")";
        Path root =
            Files.createDirectories(work.resolve(w.name().replaceAll("\\W", "_") + "-" + t));
        copy(fixtures, root);
        Path out = target(root, w, t);
        List<String> args = new ArrayList<>(w.args().apply(new Args(root, out)));
        if (overwrite) {
          args.add("--overwrite");
        }
        boolean allowed = !isInput(t) && (overwrite || replacesUnasked(w, t));
        Map<String, String> before = digest(root);
        StringWriter err = new StringWriter();
        int code = run(args, err);
        Map<String, String> after = digest(root);

        assertEquals(allowed ? 0 : 3, code, () -> label + ": " + err);
        String outKey = root.relativize(out).toString();
        Map<String, String> kept = new TreeMap<>(before);
        Map<String, String> now = new TreeMap<>(after);
        if (allowed) {
          kept.keySet().removeIf(k -> k.equals(outKey) || k.startsWith(outKey + "/"));
          now.keySet().removeIf(k -> k.equals(outKey) || k.startsWith(outKey + "/"));
          assertTrue(isKind(out, w.kind()), label + ": the output is " + w.kind());
        } else {
          assertTrue(err.toString().contains("fix:"), label + ": the message says how: " + err);
        }
        assertEquals(kept, now, label + ": nothing else changed");
      }
    }
  }

  private static boolean isKind(Path p, OutputKind kind) {
    if (kind == OutputKind.FILE) {
      return Files.isRegularFile(p);
    }
    try (FSDirectory d = FSDirectory.open(p)) {
      Map<String, String> data = SegmentInfos.readLatestCommit(d).getUserData();
      if (kind == VectorStore.KIND) {
        return data.containsKey(VectorStore.KEY_FORMAT);
      }
      return kind == Indexer.KIND
          ? data.containsKey(Indexer.FIELDS_KEY)
          : !data.containsKey(Indexer.FIELDS_KEY);
    } catch (IOException e) {
      return false;
    }
  }

  /** Every file and folder under {@code root} (hidden leftovers included) with its content hash. */
  private static Map<String, String> digest(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      all.filter(p -> !p.equals(root))
          .forEach(
              p -> {
                String key = root.relativize(p).toString();
                try {
                  out.put(
                      key,
                      Files.isDirectory(p)
                          ? "/"
                          : HexFormat.of()
                              .formatHex(
                                  MessageDigest.getInstance("SHA-256")
                                      .digest(Files.readAllBytes(p))));
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                } catch (java.security.NoSuchAlgorithmException e) {
                  throw new IllegalStateException(e);
                }
              });
    }
    return out;
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path dest = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(p, dest);
        }
      }
    }
  }

  @Test
  void refusalHappensBeforeTheWork() throws IOException {
    Path root = Files.createDirectories(work.resolve("early"));
    copy(fixtures, root);
    // two million epochs would take minutes: the refusal comes before any of them
    StringWriter err = new StringWriter();
    long start = System.nanoTime();
    int code =
        run(
            List.of(
                "train",
                "--index",
                root.resolve("in/srcidx").toString(),
                "--out",
                root.resolve("foreign").toString(),
                "--epochs",
                "100000",
                "--min-count",
                "1"),
            err);
    assertEquals(3, code, err.toString());
    assertTrue((System.nanoTime() - start) / 1e9 < 10, "refused before training");
    assertTrue(err.toString().contains("foreign exists and is a folder holding"), err.toString());
    AtomicOutput.deleteRecursively(root);
  }
}
