package io.lexica.vectors.store;

import io.lexica.vectors.Neighbor;
import io.lexica.vectors.WordVectors;
import io.lexica.vectors.formats.VectorFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The store benchmark behind bench/store.sh: builds models (unquantized and 8/7/4-bit) from random
 * vectors or a word2vec text file, then measures open time (open call to first answer, warm JVM),
 * top-10 latency over random vocabulary words, recall@10 against exact search and size on disk
 * against the word2vec binary file. Prints a table. Not a test: run by the script.
 *
 * <p>Arguments: {@code name words dim vecFile|- variants(0,8,7,4) queries recallQueries outDir}.
 */
public final class StoreBench {
  public static void main(String[] args) throws IOException {
    String name = args[0];
    int words = Integer.parseInt(args[1]);
    int dim = Integer.parseInt(args[2]);
    String vecFile = args[3];
    int[] variants = Arrays.stream(args[4].split(",")).mapToInt(Integer::parseInt).toArray();
    int queries = Integer.parseInt(args[5]);
    int recallQueries = Integer.parseInt(args[6]);
    Path out = Path.of(args[7]);
    Files.createDirectories(out);

    long t0 = System.nanoTime();
    WordVectors vectors =
        vecFile.equals("-") ? random(words, dim, 42) : VectorFiles.read(Path.of(vecFile));
    System.err.printf(
        Locale.ROOT,
        "%s: %d words x %d dims loaded in %.1f s%n",
        name,
        vectors.size(),
        vectors.dimension(),
        secs(t0));
    long w2vBytes = word2vecBinarySize(vectors);

    Random rnd = new Random(7);
    String[] qs = new String[queries];
    for (int i = 0; i < queries; i++) {
      qs[i] = vectors.word(rnd.nextInt(vectors.size()));
    }
    List<List<String>> exact = null;
    System.out.printf(
        Locale.ROOT,
        "%-14s %5s %9s %9s %9s %9s %9s %9s %8s %10s %7s%n",
        "model",
        "bits",
        "build_s",
        "open_ms",
        "p50_ms",
        "p99_ms",
        "cands",
        "recall10",
        "rq",
        "size_MB",
        "vs_w2v");
    for (int bits : variants) {
      Path dir = out.resolve(name + "-q" + bits);
      double build = Double.NaN;
      if (!Files.exists(dir.resolve("segments_1")) && !hasSegments(dir)) {
        long b0 = System.nanoTime();
        VectorStoreWriter.write(
            vectors,
            Map.of(VectorStore.KEY_ALGORITHM, "bench:" + name),
            dir,
            StoreOptions.DEFAULT.withQuantizationBits(bits));
        build = secs(b0);
      }
      if (exact == null) {
        try (VectorStore s = VectorStore.open(dir)) {
          exact = new ArrayList<>();
          long e0 = System.nanoTime();
          for (int i = 0; i < recallQueries; i++) {
            exact.add(words(s.exact().nearest(qs[i], 10, -1)));
          }
          System.err.printf(
              Locale.ROOT,
              "exact search: %.2f ms/query%n",
              1e3 * secs(e0) / Math.max(1, recallQueries));
        }
      }
      double openMs = openTime(dir, qs);
      double size = dirSize(dir) / 1e6;
      for (int cands : new int[] {10, 50, VectorStore.DEFAULT_CANDIDATES, 200}) {
        try (VectorStore s = VectorStore.open(dir, cands)) {
          for (int i = 0; i < Math.min(2000, queries); i++) {
            s.nearest(qs[i], 10, -1); // warm up
          }
          long[] ns = new long[queries];
          for (int i = 0; i < queries; i++) {
            long q0 = System.nanoTime();
            s.nearest(qs[i], 10, -1);
            ns[i] = System.nanoTime() - q0;
          }
          Arrays.sort(ns);
          double hit = 0;
          for (int i = 0; i < recallQueries; i++) {
            Set<String> truth = new HashSet<>(exact.get(i));
            for (String w : words(s.nearest(qs[i], 10, -1))) {
              if (truth.contains(w)) {
                hit++;
              }
            }
          }
          System.out.printf(
              Locale.ROOT,
              "%-14s %5d %9.1f %9.1f %9.3f %9.3f %9d %9.4f %8d %10.1f %7.2f%n",
              name,
              bits,
              build,
              openMs,
              ns[queries / 2] / 1e6,
              ns[(int) (queries * 0.99)] / 1e6,
              cands,
              hit / (10.0 * recallQueries),
              recallQueries,
              size,
              size * 1e6 / w2vBytes);
          System.out.flush();
        }
      }
    }
    System.out.printf(
        Locale.ROOT, "word2vec binary file of the same model: %.1f MB%n", w2vBytes / 1e6);
  }

  /**
   * Median over 11 runs of: open, answer one query, close (warm JVM, warm page cache). The fastest
   * run goes to stderr: on a loaded machine it is the better estimate of the cost.
   */
  private static double openTime(Path dir, String[] qs) {
    for (int i = 0; i < 3; i++) {
      try (VectorStore s = VectorStore.open(dir)) {
        s.nearest(qs[i], 10, -1);
      }
    }
    double[] ms = new double[11];
    for (int i = 0; i < ms.length; i++) {
      long t = System.nanoTime();
      try (VectorStore s = VectorStore.open(dir)) {
        s.nearest(qs[100 + i], 10, -1);
        ms[i] = (System.nanoTime() - t) / 1e6;
      }
    }
    Arrays.sort(ms);
    System.err.printf(
        Locale.ROOT,
        "%s: open to first answer: min %.1f ms, median %.1f ms%n",
        dir.getFileName(),
        ms[0],
        ms[ms.length / 2]);
    return ms[ms.length / 2];
  }

  private static boolean hasSegments(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(p -> p.getFileName().toString().startsWith("segments_"));
    }
  }

  static WordVectors random(int n, int dim, long seed) {
    Random rnd = new Random(seed);
    float[] data = new float[n * dim];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) rnd.nextGaussian();
    }
    List<String> words = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      words.add("w" + i);
    }
    return new WordVectors(words, data, dim, null);
  }

  /** Bytes of the C tool's binary format: "n dim\n" then "word " + dim floats + "\n" a word. */
  static long word2vecBinarySize(WordVectors v) {
    long size = (v.size() + " " + v.dimension() + "\n").length();
    for (int i = 0; i < v.size(); i++) {
      size += v.word(i).getBytes(StandardCharsets.UTF_8).length + 2 + 4L * v.dimension();
    }
    return size;
  }

  private static long dirSize(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static List<String> words(List<Neighbor> ns) {
    return ns.stream().map(Neighbor::word).toList();
  }

  private static double secs(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
