package io.lexica.phrases;

import io.lexica.LexicaException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.AnalyzerWrapper;
import org.apache.lucene.analysis.CharArrayMap;
import org.apache.lucene.analysis.TokenStream;

/**
 * The phrases a corpus taught, pass by pass: what {@link PhraseJoinFilter} joins and what a model
 * trained with phrases keeps beside its vectors ({@value #FILE_NAME}). Each pass is a set of
 * bigrams whose parts are tokens of the previous pass's output, so a multi-pass list is applied
 * pass after pass, exactly as it was learned: in a pass, tokens are joined greedily from left to
 * right, and a token made by a join is not joined again in the same pass (word2phrase's rule). The
 * joined token is the two parts with {@value #SEPARATOR} between them ("new_york"), as in
 * word2vec's phrase files and analogy set.
 *
 * <p>The file is text, one phrase a line ({@code pass<TAB>left<TAB>right<TAB>count<TAB>score}), so
 * it can be read, edited, or written by hand; lines starting with {@code #} are comments. Immutable
 * and thread-safe.
 */
public final class PhraseList {
  /** What a joined token puts between its parts (word2phrase's). */
  public static final String SEPARATOR = "_";

  /** The file in a model directory. */
  public static final String FILE_NAME = "phrases.txt";

  /** No phrases: joins nothing. */
  public static final PhraseList EMPTY = new PhraseList(List.of());

  private static final String HEADER =
      "# Lexica phrases: pass<TAB>left<TAB>right<TAB>count<TAB>score; the token is left"
          + SEPARATOR
          + "right";

  /**
   * One phrase.
   *
   * @param left the first part (a word or a phrase of an earlier pass)
   * @param right the second part
   * @param count occurrences of the pair in the corpus it was learned from (0 when unknown)
   * @param score its collocation score (0 when unknown)
   */
  public record Phrase(String left, String right, long count, double score) {
    /**
     * Checks that neither part is empty nor holds whitespace.
     *
     * @throws io.lexica.LexicaException when a part is empty or holds whitespace
     */
    public Phrase {
      checkPart(left);
      checkPart(right);
    }

    /**
     * The joined token.
     *
     * @return {@code left}, {@value #SEPARATOR}, {@code right}
     */
    public String token() {
      return join(left, right);
    }
  }

  /** One pass: its phrases, and a lookup by parts that needs no String for a token stream. */
  public static final class Pass {
    private final List<Phrase> phrases;
    private final CharArrayMap<CharArrayMap<String>> byParts;

    Pass(List<Phrase> phrases) {
      this.phrases = List.copyOf(phrases);
      this.byParts = new CharArrayMap<>(Math.max(1, phrases.size()), false);
      for (Phrase p : phrases) {
        CharArrayMap<String> rights = byParts.get(p.left);
        if (rights == null) {
          rights = new CharArrayMap<>(2, false);
          byParts.put(p.left, rights);
        }
        rights.put(p.right, p.token());
      }
    }

    /**
     * The phrases of this pass.
     *
     * @return an unmodifiable list, in file order
     */
    public List<Phrase> phrases() {
      return phrases;
    }

    /** True when some phrase of this pass starts with {@code left[0..length)}. */
    boolean startsPhrase(char[] left, int length) {
      return byParts.containsKey(left, 0, length);
    }

    /**
     * The joined token of {@code left right}, or null when the pair is no phrase of this pass.
     *
     * @param left the buffer holding the left token
     * @param leftLength the left token's length in {@code left}
     * @param right the buffer holding the right token
     * @param rightLength the right token's length in {@code right}
     * @return the joined token, or null
     */
    public String joined(char[] left, int leftLength, char[] right, int rightLength) {
      CharArrayMap<String> rights = byParts.get(left, 0, leftLength);
      return rights == null ? null : rights.get(right, 0, rightLength);
    }

    /**
     * As {@link #joined(char[], int, char[], int)}, for strings.
     *
     * @param left the left token
     * @param right the right token
     * @return the joined token, or null when the pair is no phrase of this pass
     */
    public String joined(String left, String right) {
      CharArrayMap<String> rights = byParts.get(left);
      return rights == null ? null : rights.get(right);
    }
  }

  private final List<Pass> passes;

  private PhraseList(List<Pass> passes) {
    this.passes = List.copyOf(passes);
  }

  /**
   * A list of the given passes, each a list of phrases.
   *
   * @param passes the phrases of each pass, in the order they were learned (a later pass may join
   *     tokens an earlier one made)
   * @return the list
   */
  public static PhraseList of(List<List<Phrase>> passes) {
    List<Pass> p = new ArrayList<>();
    for (List<Phrase> phrases : passes) {
      p.add(new Pass(phrases));
    }
    return new PhraseList(p);
  }

  /**
   * The token that joins {@code left} and {@code right}.
   *
   * @param left the first part (a word or an earlier phrase's token)
   * @param right the second part
   * @return the two joined by {@value #SEPARATOR}, as word2phrase writes them
   */
  public static String join(String left, String right) {
    return left + SEPARATOR + right;
  }

  /**
   * The passes, in order.
   *
   * @return an unmodifiable list; empty for {@link #EMPTY}
   */
  public List<Pass> passes() {
    return passes;
  }

  /**
   * Whether the list has no phrase at all.
   *
   * @return true when no pass holds a phrase (then filters and wrappers are the identity)
   */
  public boolean isEmpty() {
    return size() == 0;
  }

  /**
   * Phrases over all passes.
   *
   * @return the number of phrases summed over all passes
   */
  public int size() {
    int n = 0;
    for (Pass p : passes) {
      n += p.phrases.size();
    }
    return n;
  }

  /**
   * Every joined token, pass by pass.
   *
   * @return the joined tokens, pass by pass, in each pass's order
   */
  public List<String> tokens() {
    List<String> out = new ArrayList<>();
    for (Pass p : passes) {
      p.phrases.forEach(ph -> out.add(ph.token()));
    }
    return out;
  }

  /**
   * The tokens of {@code words} with this list's phrases joined, pass after pass, by the rule of
   * {@link PhraseJoinFilter} (for words that are already tokens, e.g. a phrase query's terms).
   *
   * @param words tokens in order
   * @return a new list, shorter by one for each pair joined
   */
  public List<String> join(List<String> words) {
    List<String> current = words;
    for (Pass p : passes) {
      List<String> next = new ArrayList<>(current.size());
      for (int i = 0; i < current.size(); i++) {
        String joined =
            i + 1 < current.size() ? p.joined(current.get(i), current.get(i + 1)) : null;
        if (joined != null) {
          next.add(joined);
          i++;
        } else {
          next.add(current.get(i));
        }
      }
      current = next;
    }
    return current;
  }

  /**
   * The token filters that apply this list to a stream: one {@link PhraseJoinFilter} per pass, in
   * order; {@code in} itself when the list is empty.
   *
   * @param in the stream to filter
   * @return the filtered stream
   */
  public TokenStream filter(TokenStream in) {
    TokenStream out = in;
    for (Pass p : passes) {
      out = new PhraseJoinFilter(out, p);
    }
    return out;
  }

  /**
   * {@code analyzer} followed by this list's filters: text analysed with it gets the phrase tokens
   * a model trained with this list knows. {@code analyzer} itself when the list is empty.
   *
   * @param analyzer the analyzer whose output is joined; it is not closed by this method
   * @return a wrapping analyzer (or {@code analyzer})
   */
  public Analyzer wrap(Analyzer analyzer) {
    if (isEmpty()) {
      return analyzer;
    }
    return new AnalyzerWrapper(analyzer.getReuseStrategy()) {
      @Override
      protected Analyzer getWrappedAnalyzer(String fieldName) {
        return analyzer;
      }

      @Override
      protected TokenStreamComponents wrapComponents(
          String fieldName, TokenStreamComponents components) {
        return new TokenStreamComponents(
            components.getSource(), filter(components.getTokenStream()));
      }
    };
  }

  /**
   * Writes the list as text to {@code file} (callers make it atomic).
   *
   * @param file where to write; replaced if present
   * @throws java.io.UncheckedIOException when the file cannot be written
   */
  public void write(Path file) {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(HEADER);
      w.write('\n');
      for (int i = 0; i < passes.size(); i++) {
        for (Phrase p : passes.get(i).phrases) {
          w.write(
              String.format(
                  Locale.ROOT,
                  "%d\t%s\t%s\t%d\t%s\n",
                  i + 1,
                  p.left,
                  p.right,
                  p.count,
                  Double.toString(p.score)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the phrases to " + file, e);
    }
  }

  /**
   * Reads a phrase file, or the {@value #FILE_NAME} of a model directory.
   *
   * @param fileOrModel a phrase file, or a model directory holding one
   * @return the phrases
   * @throws LexicaException when the file is missing or a line is not a phrase (naming it)
   */
  public static PhraseList read(Path fileOrModel) {
    Path file = Files.isDirectory(fileOrModel) ? fileOrModel.resolve(FILE_NAME) : fileOrModel;
    List<List<Phrase>> passes = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = r.readLine()) != null) {
        number++;
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", -1);
        try {
          if (f.length != 5 && f.length != 3) {
            throw new IllegalArgumentException("expected pass, left, right[, count, score]");
          }
          int pass = Integer.parseInt(f[0]);
          if (pass < 1 || pass > passes.size() + 1) {
            throw new IllegalArgumentException(
                "pass " + pass + " after pass " + passes.size() + " (passes come in order)");
          }
          if (pass > passes.size()) {
            passes.add(new ArrayList<>());
          }
          long count = f.length == 5 ? Long.parseLong(f[3]) : 0;
          double score = f.length == 5 ? Double.parseDouble(f[4]) : 0;
          passes.get(pass - 1).add(new Phrase(f[1], f[2], count, score));
        } catch (IllegalArgumentException e) {
          throw new LexicaException(
              file + " line " + number + " is not a phrase: " + e.getMessage(),
              "each line is pass<TAB>left<TAB>right[<TAB>count<TAB>score], passes numbered from 1");
        }
      }
    } catch (NoSuchFileException e) {
      throw new LexicaException(
          "no phrase list at " + file,
          Files.isDirectory(fileOrModel)
              ? "this model was trained without phrases: train one with 'lexica train --phrases'"
              : "give a phrase file or a model trained with 'lexica train --phrases'");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the phrases in " + file, e);
    }
    return of(passes);
  }

  /**
   * The phrases of a model directory; {@link #EMPTY} when it was trained without phrases.
   *
   * @param model a model directory
   * @return its phrases, or {@link #EMPTY}
   */
  public static PhraseList ofModel(Path model) {
    return Files.isRegularFile(model.resolve(FILE_NAME)) ? read(model) : EMPTY;
  }

  private static void checkPart(String part) {
    if (part == null || part.isEmpty() || part.indexOf('\t') >= 0 || part.indexOf('\n') >= 0) {
      throw new IllegalArgumentException(
          "a phrase part must be a non-empty token without tab or line feed: '" + part + "'");
    }
  }

  @Override
  public String toString() {
    return "PhraseList[" + size() + " phrases in " + passes.size() + " passes]";
  }
}
