package io.lexica.retrofit;

import io.lexica.LexicaException;
import java.util.Locale;

/**
 * Settings of {@link Retrofitter}; this record's constructor is their one validation.
 *
 * @param method how vectors move (AUTO: counter-fitting when the lexicon has antonyms)
 * @param iterations passes over the lexicon; 0 takes the method's default (10 for retrofitting, as
 *     Faruqui et al.; 20 for counter-fitting, as Mrkšić et al.)
 * @param alpha retrofitting: weight of a word's own vector against its neighbours' mean (weight 1);
 *     Faruqui et al.'s α = 1 with β = 1/degree. With a frequency exponent it is the weight of a
 *     word as frequent as the model's {@value #REFERENCE_RANK}th
 * @param alphaExponent retrofitting: p, each word's α is {@code alpha · (count / reference
 *     count)^p}, the reference being the count of the model's {@value #REFERENCE_RANK}th word (its
 *     last when it has fewer): a frequent word's vector was learnt from more text, so it trusts it
 *     more and moves less; 0 gives every word the same α (Faruqui et al.). A model without counts
 *     (an imported vector file) uses its rows' ranks instead (Zipf: count ∝ 1 / rank)
 * @param interpolation λ in (0, 1]: each moved word ends at {@code (1 - λ) · its original unit
 *     vector + λ · the method's result} (before normalising): 1 is the method alone, smaller keeps
 *     more of the original space (and of the offsets analogies read)
 * @param antonymWeight counter-fitting: k1, weight of the antonym-repel term
 * @param synonymWeight counter-fitting: k2, weight of the synonym-attract term
 * @param preservationWeight counter-fitting: k3, weight of the vector-space-preservation term (0
 *     turns it off, and the nearest-neighbour search it needs)
 * @param antonymMargin counter-fitting: δ, antonyms are pushed until their cosine distance is δ
 * @param synonymMargin counter-fitting: γ, synonyms are pulled until their cosine distance is γ
 * @param preservationRadius counter-fitting: ρ, word pairs within this cosine distance in the
 *     original model are kept from drifting apart
 */
public record RetrofitOptions(
    Method method,
    int iterations,
    double alpha,
    double alphaExponent,
    double interpolation,
    double antonymWeight,
    double synonymWeight,
    double preservationWeight,
    double antonymMargin,
    double synonymMargin,
    double preservationRadius) {
  /** How vectors are moved towards a lexicon. */
  public enum Method {
    /** Counter-fitting when the lexicon has antonyms, else retrofitting. */
    AUTO,
    /**
     * Faruqui et al. 2015: each word moves to the weighted mean of its original vector and its
     * lexicon neighbours' current vectors, {@code iterations} times.
     */
    RETROFIT,
    /**
     * Mrkšić et al. 2016: gradient steps on antonym repel + synonym attract + vector space
     * preservation, on unit vectors.
     */
    COUNTERFIT;

    /**
     * The name written on the command line and in metadata.
     *
     * @return the lower-case name
     */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The rank whose count is {@link #alphaExponent}'s reference. */
  static final int REFERENCE_RANK = 30_000;

  /**
   * The published settings of both methods (Faruqui et al.'s α = 1, no frequency exponent, no
   * interpolation; Mrkšić et al.'s constants), method chosen from the lexicon.
   */
  static final RetrofitOptions PUBLISHED =
      new RetrofitOptions(Method.AUTO, 0, 1.0, 0, 1, 0.1, 0.1, 0.1, 1.0, 0.0, 0.2);

  /**
   * Lexica's defaults: {@link #PUBLISHED} with α's frequency exponent 0.25 and interpolation 0.5,
   * chosen on development halves of SimLex-999 and of the analogy questions (README, "Retrofitting
   * to lexicons"): they keep most of retrofitting's gain in similarity and most of the analogy
   * accuracy that moving frequent words by Faruqui's settings loses.
   */
  public static final RetrofitOptions DEFAULTS =
      new RetrofitOptions(Method.AUTO, 0, 1.0, 0.25, 0.5, 0.1, 0.1, 0.1, 1.0, 0.0, 0.2);

  /**
   * Checks every option before any vector moves.
   *
   * @throws io.lexica.LexicaException when the method is missing or a number is outside its range,
   *     naming the range and a typical value
   */
  public RetrofitOptions {
    if (method == null) {
      throw new LexicaException("no retrofitting method given", "use auto, retrofit or counterfit");
    }
    if (iterations < 0) {
      throw new LexicaException(
          "retrofitting iterations must be 0 (the method's default) or more, not " + iterations,
          "pass e.g. 10");
    }
    require(alpha > 0, "alpha " + alpha + " must be positive", "pass e.g. 1");
    require(
        alphaExponent >= 0 && alphaExponent <= 4,
        "alpha's frequency exponent " + alphaExponent + " must be from 0 to 4",
        "pass e.g. 0.25, or 0 for the same alpha for every word");
    require(
        interpolation > 0 && interpolation <= 1,
        "the interpolation " + interpolation + " must be above 0 and at most 1",
        "pass e.g. 0.5, or 1 for the method's result alone");
    require(
        antonymWeight >= 0 && synonymWeight >= 0 && preservationWeight >= 0,
        "counter-fitting weights must be 0 or more",
        "pass e.g. 0.1");
    require(
        antonymMargin >= 0 && antonymMargin <= 2 && synonymMargin >= 0 && synonymMargin <= 2,
        "counter-fitting margins are cosine distances, in [0, 2]",
        "pass e.g. 1.0 for antonyms and 0 for synonyms");
    require(
        preservationRadius >= 0 && preservationRadius <= 2,
        "the preservation radius is a cosine distance, in [0, 2], not " + preservationRadius,
        "pass e.g. 0.2");
  }

  private static void require(boolean ok, String problem, String remedy) {
    if (!ok) {
      throw new LexicaException(problem, remedy);
    }
  }

  /**
   * The method used for {@code lexicon}: AUTO resolved.
   *
   * @param lexicon the lexicon to retrofit to
   * @return {@code COUNTERFIT} when the method is AUTO and the lexicon has antonyms, {@code
   *     RETROFIT} when it is AUTO without them, otherwise the method chosen
   */
  public Method methodFor(Lexicon lexicon) {
    if (method != Method.AUTO) {
      return method;
    }
    return lexicon.hasAntonyms() ? Method.COUNTERFIT : Method.RETROFIT;
  }

  /** The iterations used by {@code used}: the given number, else the method's default. */
  int iterationsFor(Method used) {
    return iterations > 0 ? iterations : used == Method.COUNTERFIT ? 20 : 10;
  }

  RetrofitOptions withMethod(Method m) {
    return new RetrofitOptions(
        m,
        iterations,
        alpha,
        alphaExponent,
        interpolation,
        antonymWeight,
        synonymWeight,
        preservationWeight,
        antonymMargin,
        synonymMargin,
        preservationRadius);
  }

  /**
   * These options with another number of iterations.
   *
   * @param n the iterations; 0 for the method's default
   * @return new options; this one is unchanged
   */
  public RetrofitOptions withIterations(int n) {
    return new RetrofitOptions(
        method,
        n,
        alpha,
        alphaExponent,
        interpolation,
        antonymWeight,
        synonymWeight,
        preservationWeight,
        antonymMargin,
        synonymMargin,
        preservationRadius);
  }
}
