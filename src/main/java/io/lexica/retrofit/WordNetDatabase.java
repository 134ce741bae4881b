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
import java.util.HashSet;
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
final class WordNetDatabase {
  /** Where Debian's {@code wordnet-base} puts the files. */
  public static final String DEBIAN_PATH = "/usr/share/wordnet";

  private static final String[] FILES = {"noun", "verb", "adj", "adv"};

  /** A sense key's ss_type digit is the synset type's place here (n 1, v 2, a 3, r 4, s 5). */
  private static final String SS_TYPES = "_nvars";

  /**
   * A synset: its words, their sense-key prefixes ({@code lemma%ss_type:lex_filenum:lex_id}, how
   * {@code cntlist.rev} names a word's sense), and its pointers as (symbol, target key,
   * source/target word numbers).
   */
  private record Synset(
      List<String> words, List<String> senseKeys, List<Boolean> proper, List<Pointer> pointers) {}

  /**
   * One sense of a lemma: its synset's key, WordNet's rank within its part of speech, its count.
   */
  private record Sense(String synset, int posRank, int posOrder, int count) {}

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
   *     frequent senses over all parts of speech; 0 keeps every sense. Senses are ranked by how
   *     often SemCor tags them ({@code cntlist.rev}: "cat" the animal before "cat" the verb), ties
   *     (and databases without that file) in WordNet's own order within a part of speech (the index
   *     files), nouns, verbs, adjectives, adverbs for equal ranks. Antonyms are kept whatever their
   *     rank.
   * @param properNouns keep the lemmas WordNet writes with a capital letter (names of places,
   *     people, organisations, and abbreviations: "Paris", "Alabama" with its synonym "AL", "DNA");
   *     left out, they relate nothing. Retrofitted to them, place names move to their abbreviations
   *     and nicknames ("indiana" to "in", "oregon" to "or"), which are common words, and the
   *     offsets between places that analogies read break
   * @param token maps a WordNet lemma (lowercase, {@code _} between words) to the model's token, or
   *     null to leave the lemma out (an analyzer that removes it)
   */
  public static Lexicon read(
      Path dir,
      Set<WordNetRelation> relations,
      int senses,
      boolean properNouns,
      Function<String, String> token) {
    if (!isDatabase(dir)) {
      throw new LexicaException(
          dir + " holds no WordNet database (data.noun, data.verb, data.adj, data.adv)",
          "install Debian's wordnet-base (apt-get install wordnet-base: "
              + DEBIAN_PATH
              + ") or give"
              + " the 'dict' folder of a WordNet release");
    }
    Map<String, Synset> synsets = new HashMap<>();
    Map<String, List<Sense>> lemmaSenses = new HashMap<>();
    for (String file : FILES) {
      readFile(dir.resolve("data." + file), synsets);
    }
    Map<String, Integer> rank = new HashMap<>();
    if (senses > 0) {
      Map<String, Integer> counts = readCounts(dir.resolve("cntlist.rev"));
      for (int pos = 0; pos < FILES.length; pos++) {
        readRanks(dir.resolve("index." + FILES[pos]), pos, synsets, counts, lemmaSenses);
      }
      lemmaSenses.forEach((lemma, list) -> rankAcrossPartsOfSpeech(lemma, list, rank));
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
                + (properNouns ? "" : "; no proper nouns")
                + ")");
    for (Map.Entry<String, Synset> e : synsets.entrySet()) {
      Synset s = e.getValue();
      List<String> words = frequentSenses(s, e.getKey(), senses, properNouns, rank, mapped);
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
              && p.targetWord <= target.words.size()
              && (properNouns
                  || !s.proper.get(p.source - 1) && !target.proper.get(p.targetWord - 1))) {
            String a = mapped.apply(s.words.get(p.source - 1));
            String c = mapped.apply(target.words.get(p.targetWord - 1));
            if (!a.isEmpty() && !c.isEmpty()) {
              b.antonyms(a, c);
            }
          }
          continue;
        }
        for (String w : words) {
          for (String v : frequentSenses(target, p.target, senses, properNouns, rank, mapped)) {
            b.synonyms(w, v);
          }
        }
      }
    }
    Map<Character, Set<String>> lemmas = new HashMap<>();
    synsets.forEach(
        (key, synset) ->
            lemmas.computeIfAbsent(key.charAt(0), x -> new HashSet<>()).addAll(synset.words));
    WordNetMorphology morphology = new WordNetMorphology(dir, lemmas);
    b.morphology(
        word -> {
          if (word.contains(io.lexica.phrases.PhraseList.SEPARATOR)) {
            return null;
          }
          String lemma = morphology.lemma(word);
          return lemma == null ? null : token.apply(lemma);
        });
    return b.build();
  }

  /**
   * The synset's words (as tokens) for which it is one of their {@code senses} first senses, proper
   * nouns only when asked.
   */
  private static List<String> frequentSenses(
      Synset s,
      String key,
      int senses,
      boolean properNouns,
      Map<String, Integer> rank,
      Function<String, String> mapped) {
    List<String> words = new ArrayList<>();
    for (int i = 0; i < s.words.size(); i++) {
      if (!properNouns && s.proper.get(i)) {
        continue;
      }
      String w = s.words.get(i);
      String t = mapped.apply(w);
      if (!t.isEmpty() && (senses == 0 || rank.getOrDefault(key + ' ' + w, 0) <= senses)) {
        words.add(t);
      }
    }
    return words;
  }

  /**
   * Reads an index file's senses: a line is {@code lemma pos synset_cnt p_cnt symbol{p_cnt}
   * sense_cnt tagsense_cnt offset{synset_cnt}}, the offsets in WordNet's order (most frequent
   * first). Adds each sense, with its SemCor count ({@code counts}, 0 when absent), to the lemma's
   * list.
   */
  private static void readRanks(
      Path file,
      int posOrder,
      Map<String, Synset> synsets,
      Map<String, Integer> counts,
      Map<String, List<Sense>> lemmaSenses) {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("  ") || line.isBlank()) {
          continue;
        }
        String[] f = line.split(" ");
        String lemma = f[0];
        int synsetCount = Integer.parseInt(f[2]);
        int at = 4 + Integer.parseInt(f[3]) + 2;
        List<Sense> list = lemmaSenses.computeIfAbsent(lemma, x -> new ArrayList<>());
        for (int i = 0; i < synsetCount; i++) {
          String key = key(f[1], f[at + i]);
          list.add(new Sense(key, i + 1, posOrder, count(synsets.get(key), lemma, counts)));
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

  /** How often SemCor tags {@code lemma} in {@code synset} (0 when never, or unknown). */
  private static int count(Synset synset, String lemma, Map<String, Integer> counts) {
    if (synset == null || counts.isEmpty()) {
      return 0;
    }
    for (int i = 0; i < synset.words.size(); i++) {
      if (synset.words.get(i).equals(lemma)) {
        return counts.getOrDefault(synset.senseKeys.get(i), 0);
      }
    }
    return 0;
  }

  /**
   * Puts {@code synset + ' ' + lemma} -> rank (1 = most frequent) for each of the lemma's senses
   * over all parts of speech: by SemCor count, then WordNet's rank within the part of speech, then
   * part of speech. A word missing from the index files gets no rank (0: kept).
   */
  private static void rankAcrossPartsOfSpeech(
      String lemma, List<Sense> list, Map<String, Integer> rank) {
    list.sort(
        java.util.Comparator.comparingInt((Sense x) -> -x.count)
            .thenComparingInt(Sense::posRank)
            .thenComparingInt(Sense::posOrder));
    for (int i = 0; i < list.size(); i++) {
      rank.putIfAbsent(list.get(i).synset + ' ' + lemma, i + 1);
    }
  }

  /**
   * Reads {@code cntlist.rev} (lines {@code sense_key sense_number tag_cnt}, e.g. {@code
   * cat%1:05:00:: 1 18}) as sense-key prefix ({@code lemma%ss_type:lex_filenum:lex_id}, which names
   * a word's sense without an adjective satellite's head) -> count; empty when the file is absent
   * (some WordNet releases lack it: WordNet's order alone then ranks senses).
   */
  private static Map<String, Integer> readCounts(Path file) {
    Map<String, Integer> counts = new HashMap<>();
    if (!Files.isRegularFile(file)) {
      return counts;
    }
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        String[] f = line.split(" ");
        if (f.length < 3) {
          continue;
        }
        String key = f[0];
        int third = key.indexOf(':', key.indexOf(':', key.indexOf('%') + 1) + 1);
        int end = key.indexOf(':', third + 1);
        if (third < 0 || end < 0) {
          continue;
        }
        counts.merge(
            key.substring(0, end).toLowerCase(Locale.ROOT), Integer.parseInt(f[2]), Integer::sum);
      }
    } catch (IOException | RuntimeException e) {
      throw new LexicaException(
          file + " is not WordNet's cntlist.rev (" + e + ")",
          "give an unmodified WordNet database, or read every sense (--wordnet-senses 0)");
    }
    return counts;
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
          List<String> senseKeys = new ArrayList<>(wordCount);
          List<Boolean> proper = new ArrayList<>(wordCount);
          String prefix = "%" + SS_TYPES.indexOf(f[2].charAt(0)) + ":" + f[1] + ":";
          for (int i = 0; i < wordCount; i++) {
            String written = f[4 + 2 * i];
            String w = lemma(written);
            words.add(w);
            proper.add(!written.equals(written.toLowerCase(Locale.ROOT)));
            senseKeys.add(
                w
                    + prefix
                    + String.format(Locale.ROOT, "%02d", Integer.parseInt(f[5 + 2 * i], 16)));
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
          synsets.put(key(f[2], f[0]), new Synset(words, senseKeys, proper, pointers));
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
