package io.lexica.eval;

import io.lexica.eval.AnalogyEvaluator.Method;
import java.util.List;
import java.util.Map;

/**
 * The outcome of an analogy evaluation: accuracy per section, for the semantic sections, the
 * syntactic ones and in total, for each method asked, with coverage (questions seen: all four words
 * among the searched words) and every question's answers.
 *
 * @param searchedWords how many words (the first rows of the model) were candidates: the
 *     restriction
 * @param methods the methods evaluated, in the order asked
 * @param sections one tally per section, in file order
 * @param semantic the first {@code semanticSections} sections together
 * @param syntactic the other sections together
 * @param total all sections
 * @param answers one per question, in file order
 */
public record AnalogyReport(
    int searchedWords,
    List<Method> methods,
    List<AnalogyReport.Tally> sections,
    AnalogyReport.Tally semantic,
    AnalogyReport.Tally syntactic,
    AnalogyReport.Tally total,
    List<AnalogyReport.Answer> answers) {

  /**
   * Counts for a group of questions.
   *
   * @param name the group's name: a section, or a total such as "semantic"
   * @param questions all questions of the group
   * @param seen those whose four words are all among the searched words: the ones answered
   * @param correct per method, seen questions answered correctly
   */
  public record Tally(String name, int questions, int seen, Map<Method, Integer> correct) {
    /**
     * Correct answers over seen questions, in [0, 1]; NaN when none was seen.
     *
     * @param m the method
     * @return the accuracy
     */
    public double accuracy(Method m) {
      return seen == 0 ? Double.NaN : (double) correct.get(m) / seen;
    }

    /**
     * Seen over all questions, in [0, 1]; NaN for an empty group.
     *
     * @return the coverage
     */
    public double coverage() {
      return questions == 0 ? Double.NaN : (double) seen / questions;
    }
  }

  /**
   * A question's answers.
   *
   * @param section the section the question belongs to
   * @param question the question
   * @param predicted per method (in {@link #methods()} order) the word answered, or null for every
   *     method when the question was not seen
   * @param correct per method, whether the answer is the expected word (case-insensitively)
   */
  public record Answer(
      String section,
      AnalogyQuestions.Question question,
      List<String> predicted,
      List<Boolean> correct) {
    /**
     * Whether the question was answered: its four words are among the searched words.
     *
     * @return true when the methods answered it
     */
    public boolean seen() {
      return predicted.get(0) != null;
    }
  }
}
