package io.lexica.vectors;

import io.lexica.LexicaException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * fastText's character n-grams of a word and the hash buckets they fall in, computed exactly as
 * fastText 0.9 does ({@code Dictionary::computeSubwords} and {@code Dictionary::hash}), so that
 * bucket {@code b} here is row {@code nwords + b} of a fastText model's input matrix.
 *
 * <p>The rules, each checked against fastText's source and its binary:
 *
 * <ul>
 *   <li>The word is wrapped as {@code <word>} and encoded in UTF-8. N-grams are taken over
 *       characters (a character is a lead byte and its continuation bytes {@code 10xxxxxx}), so
 *       Chinese words get n-grams of whole characters, not of bytes.
 *   <li>Every n-gram of {@code minn..maxn} characters is taken, starting at every character,
 *       including the whole {@code <word>} when its length is in range (fastText does not skip it).
 *       The only n-grams skipped are the one-character ones {@code <} and {@code >}, which matter
 *       only when {@code minn == 1}.
 *   <li>The hash is 32-bit FNV-1a over the n-gram's UTF-8 bytes, with fastText's quirk that each
 *       byte is sign-extended to 32 bits before the xor ({@code uint32_t(int8_t(c))}); the bucket
 *       is the unsigned hash modulo {@code buckets}.
 *   <li>N-grams are listed in order of start character, then length; duplicates (two n-grams in one
 *       bucket, or a repeated n-gram) are kept, as fastText keeps them in its averages.
 *   <li>The end-of-sentence token {@code </s>} has no n-grams.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class Subwords {
  /** fastText's defaults for unsupervised models. */
  public static final int DEFAULT_MIN_N = 3;

  /** fastText's default longest n-gram. */
  public static final int DEFAULT_MAX_N = 6;

  /** fastText's default number of hash buckets. */
  public static final int DEFAULT_BUCKETS = 2_000_000;

  /** fastText's end-of-sentence token, which never gets n-grams. */
  public static final String EOS = "</s>";

  private static final int FNV_OFFSET = 0x811C9DC5; // 2166136261
  private static final int FNV_PRIME = 16777619;

  private final int minn;
  private final int maxn;
  private final int buckets;

  /**
   * A scheme of n-grams from {@code minn} to {@code maxn} characters hashed into {@code buckets}.
   *
   * @param minn shortest n-gram in characters (at least 1)
   * @param maxn longest n-gram in characters; 0 means no n-grams (plain word vectors)
   * @param buckets number of hash buckets (positive when {@code maxn > 0})
   * @throws io.lexica.LexicaException when the lengths are invalid or the buckets are not positive
   */
  public Subwords(int minn, int maxn, int buckets) {
    if (maxn != 0 && (minn < 1 || maxn < minn)) {
      throw new LexicaException(
          "invalid n-gram lengths minn=" + minn + ", maxn=" + maxn,
          "use 1 <= minn <= maxn (fastText's default is 3..6), or maxn 0 for no subwords");
    }
    if (maxn != 0 && buckets <= 0) {
      throw new LexicaException(
          "the number of n-gram buckets must be positive, got " + buckets,
          "use --buckets 2000000 (fastText's default) or fewer for a smaller model");
    }
    this.minn = minn;
    this.maxn = maxn;
    this.buckets = buckets;
  }

  /**
   * The scheme a user's settings ask for ({@code lexica train --minn --maxn --buckets}, the
   * plugin's {@code minn}, {@code maxn}, {@code buckets}): a longest n-gram of 0 means no n-grams,
   * whatever the shortest says.
   *
   * @param minn the shortest n-gram asked for
   * @param maxn the longest, 0 for none
   * @param buckets hash buckets for the n-grams
   * @return the scheme
   * @throws io.lexica.LexicaException for lengths or a bucket count the constructor refuses
   */
  public static Subwords asked(int minn, int maxn, int buckets) {
    return maxn == 0 ? new Subwords(0, 0, buckets) : new Subwords(minn, maxn, buckets);
  }

  /**
   * fastText's defaults: n-grams of 3 to 6 characters in 2,000,000 buckets.
   *
   * @return the scheme
   */
  public static Subwords defaults() {
    return new Subwords(DEFAULT_MIN_N, DEFAULT_MAX_N, DEFAULT_BUCKETS);
  }

  /**
   * The shortest n-gram.
   *
   * @return characters, counting the word's {@code <} and {@code >} boundaries
   */
  public int minn() {
    return minn;
  }

  /**
   * The longest n-gram.
   *
   * @return characters; 0 when words have no n-grams
   */
  public int maxn() {
    return maxn;
  }

  /**
   * The number of hash buckets.
   *
   * @return the buckets
   */
  public int buckets() {
    return buckets;
  }

  /**
   * True when words get n-grams at all ({@code maxn > 0}).
   *
   * @return whether n-grams are enabled
   */
  public boolean enabled() {
    return maxn > 0;
  }

  /**
   * fastText's hash of a string's UTF-8 bytes: FNV-1a 32-bit with sign-extended bytes. As an
   * unsigned value, this is what fastText's {@code Dictionary::hash} returns.
   *
   * @param s any string
   * @return the hash, as a signed int
   */
  public static int hash(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    int h = FNV_OFFSET;
    for (byte x : b) {
      h = (h ^ x) * FNV_PRIME; // x is sign-extended by the widening to int: fastText's quirk
    }
    return h;
  }

  /**
   * The buckets (in {@code [0, buckets)}) of the word's n-grams in fastText's order; empty when
   * n-grams are disabled or the word is {@link #EOS}.
   *
   * @param word a word
   * @return the buckets, one per n-gram
   */
  public int[] buckets(String word) {
    if (!enabled() || EOS.equals(word)) {
      return new int[0];
    }
    byte[] w = wrap(word);
    int[] out = new int[16];
    int size = 0;
    for (int i = 0; i < w.length; i++) {
      if (isContinuation(w[i])) {
        continue;
      }
      int h = FNV_OFFSET;
      int j = i;
      for (int n = 1; j < w.length && n <= maxn; n++) {
        h = (h ^ w[j++]) * FNV_PRIME;
        while (j < w.length && isContinuation(w[j])) {
          h = (h ^ w[j++]) * FNV_PRIME;
        }
        if (n >= minn && !(n == 1 && (i == 0 || j == w.length))) {
          if (size == out.length) {
            out = Arrays.copyOf(out, size * 2);
          }
          out[size++] = Integer.remainderUnsigned(h, buckets);
        }
      }
    }
    return Arrays.copyOf(out, size);
  }

  /**
   * The n-grams themselves, parallel to {@link #buckets(String)}: for display and tests. A word
   * with invalid UTF-16 (lone surrogates) is encoded as Java does, with '?' for them.
   *
   * @param word a word
   * @return the n-grams, with the {@code <} and {@code >} boundary marks
   */
  public List<String> ngrams(String word) {
    List<String> out = new ArrayList<>();
    if (!enabled() || EOS.equals(word)) {
      return out;
    }
    byte[] w = wrap(word);
    for (int i = 0; i < w.length; i++) {
      if (isContinuation(w[i])) {
        continue;
      }
      int j = i;
      for (int n = 1; j < w.length && n <= maxn; n++) {
        j++;
        while (j < w.length && isContinuation(w[j])) {
          j++;
        }
        if (n >= minn && !(n == 1 && (i == 0 || j == w.length))) {
          out.add(new String(w, i, j - i, StandardCharsets.UTF_8));
        }
      }
    }
    return out;
  }

  private static byte[] wrap(String word) {
    return ("<" + word + ">").getBytes(StandardCharsets.UTF_8);
  }

  private static boolean isContinuation(byte b) {
    return (b & 0xC0) == 0x80;
  }

  @Override
  public String toString() {
    return enabled()
        ? "Subwords[" + minn + ".." + maxn + ", " + buckets + " buckets]"
        : "Subwords[off]";
  }
}
