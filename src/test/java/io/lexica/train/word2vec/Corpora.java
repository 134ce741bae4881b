package io.lexica.train.word2vec;

import io.lexica.corpus.CorpusBuilder;
import io.lexica.corpus.EncodedCorpus;
import io.lexica.corpus.Vocabulary;
import io.lexica.vectors.WordVectors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Small corpora for trainer tests. */
final class Corpora {
  private Corpora() {}

  /** The corpus of whitespace-separated lines, one sequence a line; "_" is a gap. */
  static EncodedCorpus of(List<String> lines) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String line : lines) {
      for (String t : line.trim().split("\\s+")) {
        if (!t.equals("_")) {
          counts.merge(t, 1L, Long::sum);
        }
      }
    }
    List<String> words = new ArrayList<>(counts.keySet());
    long[] c = new long[words.size()];
    for (int i = 0; i < c.length; i++) {
      c[i] = counts.get(words.get(i));
    }
    Vocabulary vocabulary = Vocabulary.of(words, c);
    CorpusBuilder builder = new CorpusBuilder(vocabulary);
    for (String line : lines) {
      String[] tokens = line.trim().split("\\s+");
      int[] ids = new int[tokens.length];
      for (int i = 0; i < tokens.length; i++) {
        ids[i] = tokens[i].equals("_") ? EncodedCorpus.GAP : vocabulary.id(tokens[i]);
      }
      builder.addDocument(ids, ids.length);
    }
    return builder.build();
  }

  static final String[] COUNTRIES = {
    "france", "germany", "poland", "spain", "italy", "japan", "china", "egypt", "kenya", "peru"
  };
  static final String[] CAPITALS = {
    "paris", "berlin", "warsaw", "madrid", "rome", "tokyo", "beijing", "cairo", "nairobi", "lima"
  };
  static final String[] ANIMALS = {"cat", "dog", "horse", "cow", "sheep", "goat", "mouse", "lion"};
  static final String[] FOODS = {
    "bread", "rice", "apple", "cheese", "soup", "fish", "pasta", "cake"
  };
  static final String[] VERBS_ANIMAL = {"runs", "sleeps", "jumps", "barks"};
  static final String[] VERBS_FOOD = {"tastes", "smells", "cooks", "burns"};

  /**
   * Sentences from a small grammar with word classes: "the ANIMAL VERB_A", "the FOOD VERB_F", "X is
   * the capital of Y" for matching (capital, country) pairs, "Y has the city X", plus filler.
   * Same-class words share contexts; each capital shares contexts with its own country only.
   */
  static List<String> grammar(int sentences, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<String> lines = new ArrayList<>(sentences);
    for (int s = 0; s < sentences; s++) {
      switch (r.nextInt(4)) {
        case 0 ->
            lines.add(
                "the "
                    + pick(ANIMALS, r)
                    + " "
                    + pick(VERBS_ANIMAL, r)
                    + " near the "
                    + pick(ANIMALS, r));
        case 1 ->
            lines.add(
                "the " + pick(FOODS, r) + " " + pick(VERBS_FOOD, r) + " with " + pick(FOODS, r));
        default -> {
          int k = r.nextInt(COUNTRIES.length);
          String lang = "lang" + k;
          switch (r.nextInt(4)) {
            case 0 -> lines.add("people in " + COUNTRIES[k] + " speak " + lang);
            case 1 -> lines.add("people in " + CAPITALS[k] + " speak " + lang);
            case 2 -> lines.add(COUNTRIES[k] + " is a large country");
            default -> lines.add(CAPITALS[k] + " is a big city");
          }
        }
      }
    }
    return lines;
  }

  private static String pick(String[] a, SplittableRandom r) {
    return a[r.nextInt(a.length)];
  }

  static double cosine(WordVectors v, String a, String b) {
    float[] x = v.vector(v.indexOf(a));
    float[] y = v.vector(v.indexOf(b));
    double d = 0;
    double nx = 0;
    double ny = 0;
    for (int i = 0; i < x.length; i++) {
      d += x[i] * y[i];
      nx += x[i] * x[i];
      ny += y[i] * y[i];
    }
    return d / Math.sqrt(nx * ny);
  }

  /** Mean cosine over all pairs within {@code a}. */
  static double within(WordVectors v, String[] a) {
    double sum = 0;
    int n = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = i + 1; j < a.length; j++) {
        sum += cosine(v, a[i], a[j]);
        n++;
      }
    }
    return sum / n;
  }

  /** Mean cosine over all pairs across {@code a} and {@code b}. */
  static double across(WordVectors v, String[] a, String[] b) {
    double sum = 0;
    int n = 0;
    for (String x : a) {
      for (String y : b) {
        sum += cosine(v, x, y);
        n++;
      }
    }
    return sum / n;
  }
}
