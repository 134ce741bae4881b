package io.lexica.retrofit;

import io.lexica.LexicaException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the relations of WordNet's own database files ({@code data.noun}, {@code data.verb}, {@code
 * data.adj}, {@code data.adv} in the WNDB format of wndb(5WN)), as Debian's {@code wordnet-base}
 * installs them in {@value #DEBIAN_PATH} and as Princeton's WordNet 3.0/3.1 and Open English
 * WordNet's WNDB release ship them. Lucene's {@code WordnetSynonymParser} reads only the Prolog
 * release's synonyms; the database also holds the antonyms counter-fitting needs and the hypernym
 * links Faruqui et al.'s "WN_all" lexicon uses.
 *
 * <p>A synset line is {@code offset lex_filenum ss_type w_cnt (word lex_id){w_cnt} p_cnt (symbol
 * offset pos source/target){p_cnt} ... | gloss}; the licence header lines start with two spaces.
 * Words come lowercased, adjective markers ({@code (a)}, {@code (p)}, {@code (ip)}) dropped, and
 * mapped to model tokens by the caller (multi-word lemmas keep WordNet's {@code _}).
 */
public final class WordNetDatabase {
  /** Where Debian's {@code wordnet-base} puts the files. */
  public static final String DEBIAN_PATH = "/usr/share/wordnet";

  private static final String[] FILES = {"noun", "verb", "adj", "adv"};

  /** A synset: its words, and its pointers as (symbol, target key, source/target word numbers). */
  private record Synset(List<String> words, List<Pointer> pointers) {}

  private record Pointer(String symbol, String target, int source, int targetWord) {}

  private WordNetDatabase() {}

  /** True when {@code dir} holds WordNet's database files. */
  public static boolean isDatabase(Path dir) {
    return Files.isRegularFile(dir.resolve("data.noun"));
  }

  /**
   * The lexicon of the {@code relations} in the database at {@code dir}.
   *
   * @param senses keep a word in a synset only when the synset is among its {@code senses} most
   *     frequent senses (WordNet's index files rank them); 0 keeps every sense. Antonyms are kept
   *     whatever their rank.
   * @param token maps a WordNet lemma (lowercase, {@code _} between words) to the model's token, or
   *     null to leave the lemma out (an analyzer that removes it)
   */
  public static Lexicon read(
      Path dir, Set<WordNetRelation> relations, int senses, Function<String, String> token) {
    if (!isDatabase(dir)) {
      throw new LexicaException(
          dir + " holds no WordNet database (data.noun, data.verb, data.adj, data.adv)",
          "install Debian's wordnet-base (apt-get install wordnet-base: "
              + DEBIAN_PATH
              + ") or give"
              + " the 'dict' folder of a WordNet release");
    }
    Map<String, Synset> synsets = new HashMap<>();
    Map<String, Integer> rank = new HashMap<>();
    for (String file : FILES) {
      readFile(dir.resolve("data." + file), synsets);
      if (senses > 0) {
        readRanks(dir.resolve("index." + file), rank);
      }
    }
    Map<String, String> tokens = new HashMap<>();
    Function<String, String> mapped = w -> tokens.computeIfAbsent(w, x -> orEmpty(token.apply(x)));
    Lexicon.Builder b =
        Lexicon.builder(
            "wordnet:"
                + dir
                + " ("
                + String.join(",", relations.stream().map(WordNetRelation::id).sorted().toList())
                + (senses > 0 ? "; senses " + senses : "")
                + ")");
    for (Map.Entry<String, Synset> e : synsets.entrySet()) {
      Synset s = e.getValue();
      List<String> words = frequentSenses(s, e.getKey(), senses, rank, mapped);
      if (relations.contains(WordNetRelation.SYNONYMS)) {
        for (int i = 0; i < words.size(); i++) {
          for (int j = i + 1; j < words.size(); j++) {
            b.synonyms(words.get(i), words.get(j));
          }
        }
      }
      for (Pointer p : s.pointers) {
        Synset target = synsets.get(p.target);
        if (target == null) {
          continue;
        }
        WordNetRelation r = relationOf(p.symbol);
        if (r == null || !relations.contains(r)) {
          continue;
        }
        if (r == WordNetRelation.ANTONYMS) {
          if (p.source > 0
              && p.source <= s.words.size()
              && p.targetWord > 0
              && p.targetWord <= target.words.size()) {
            String a = mapped.apply(s.words.get(p.source - 1));
            String c = mapped.apply(target.words.get(p.targetWord - 1));
            if (!a.isEmpty() && !c.isEmpty()) {
              b.antonyms(a, c);
            }
          }
          continue;
        }
        for (String w : words) {
          for (String v : frequentSenses(target, p.target, senses, rank, mapped)) {
            b.synonyms(w, v);
          }
        }
      }
    }
    return b.build();
  }

  /** The synset's words (as tokens) for which it is one of their {@code senses} first senses. */
  private static List<String> frequentSenses(
      Synset s,
      String key,
      int senses,
      Map<String, Integer> rank,
      Function<String, String> mapped) {
    List<String> words = new ArrayList<>();
    for (String w : s.words) {
      String t = mapped.apply(w);
      if (!t.isEmpty() && (senses == 0 || rank.getOrDefault(key + ' ' + w, 0) <= senses)) {
        words.add(t);
      }
    }
    return words;
  }

  /**
   * Reads an index file's sense ranks: a line is {@code lemma pos synset_cnt p_cnt symbol{p_cnt}
   * sense_cnt tagsense_cnt offset{synset_cnt}}, the offsets most frequent sense first. Puts {@code
   * key + ' ' + lemma} -> rank (1 = most frequent); a word missing from the index counts as rank 0,
   * i.e. kept.
   */
  private static void readRanks(Path file, Map<String, Integer> rank) {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("  ") || line.isBlank()) {
          continue;
        }
        String[] f = line.split(" ");
        int synsetCount = Integer.parseInt(f[2]);
        int at = 4 + Integer.parseInt(f[3]) + 2;
        for (int i = 0; i < synsetCount; i++) {
          rank.put(key(f[1], f[at + i]) + ' ' + f[0], i + 1);
        }
      }
    } catch (java.nio.file.NoSuchFileException e) {
      throw new LexicaException(
          "no " + file.getFileName() + " beside the data files in " + file.getParent(),
          "give a complete WordNet database, or read every sense (--wordnet-senses 0)");
    } catch (IOException | RuntimeException e) {
      throw new LexicaException(
          file + " is not a WordNet index file (" + e + ")",
          "give an unmodified WordNet database, or read every sense (--wordnet-senses 0)");
    }
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static WordNetRelation relationOf(String symbol) {
    return switch (symbol) {
      case "!" -> WordNetRelation.ANTONYMS;
      case "@", "@i" -> WordNetRelation.HYPERNYMS;
      case "~", "~i" -> WordNetRelation.HYPONYMS;
      default -> null;
    };
  }

  /** The key of a synset: its part of speech (satellites are adjectives) and offset. */
  private static String key(String pos, String offset) {
    return (pos.equals("s") ? "a" : pos) + offset;
  }

  private static void readFile(Path file, Map<String, Synset> synsets) {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = r.readLine()) != null) {
        number++;
        if (line.startsWith("  ") || line.isBlank()) {
          continue;
        }
        try {
          String[] f = line.split(" ");
          int wordCount = Integer.parseInt(f[3], 16);
          List<String> words = new ArrayList<>(wordCount);
          for (int i = 0; i < wordCount; i++) {
            words.add(lemma(f[4 + 2 * i]));
          }
          int p = 4 + 2 * wordCount;
          int pointerCount = Integer.parseInt(f[p]);
          List<Pointer> pointers = new ArrayList<>(pointerCount);
          for (int j = 0; j < pointerCount; j++) {
            int at = p + 1 + 4 * j;
            String st = f[at + 3];
            pointers.add(
                new Pointer(
                    f[at],
                    key(f[at + 2], f[at + 1]),
                    Integer.parseInt(st.substring(0, 2), 16),
                    Integer.parseInt(st.substring(2, 4), 16)));
          }
          synsets.put(key(f[2], f[0]), new Synset(words, pointers));
        } catch (RuntimeException e) {
          throw new LexicaException(
              file + " line " + number + " is not a WordNet synset (" + e + ")",
              "give the folder of an unmodified WordNet database (wndb format)");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** A lemma as written in a synset, lowercased, without an adjective marker. */
  private static String lemma(String word) {
    int marker = word.indexOf('(');
    String w = marker > 0 ? word.substring(0, marker) : word;
    return w.toLowerCase(Locale.ROOT);
  }
}
