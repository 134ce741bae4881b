package io.lexica.eval.retrieval;

import io.lexica.LexicaException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Relevance judgments in TREC qrels format ({@code qid iter docid grade}): a grade above 0 is
 * relevant (trec_eval's default relevance level 1). Immutable.
 */
public final class Qrels {
  private final Map<String, Map<String, Integer>> grades;

  /**
   * @param grades query id to (doc id to grade); copied
   */
  Qrels(Map<String, Map<String, Integer>> grades) {
    Map<String, Map<String, Integer>> copy = new LinkedHashMap<>();
    grades.forEach((q, m) -> copy.put(q, Collections.unmodifiableMap(new LinkedHashMap<>(m))));
    this.grades = Collections.unmodifiableMap(copy);
  }

  /**
   * Reads a TREC qrels file: {@code qid 0 docid grade} lines.
   *
   * @param file the file
   * @return the judgments
   * @throws io.lexica.LexicaException when a line is not a qrels line, naming it, or the file
   *     cannot be read
   */
  public static Qrels read(Path file) {
    Map<String, Map<String, Integer>> g = new LinkedHashMap<>();
    List<String> lines = TestCollection.lines(file);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split("\\s+");
      int grade;
      try {
        grade = f.length == 4 ? Integer.parseInt(f[3]) : Integer.MIN_VALUE;
      } catch (NumberFormatException e) {
        grade = Integer.MIN_VALUE;
      }
      if (grade == Integer.MIN_VALUE) {
        throw new LexicaException(
            file + " line " + (i + 1) + ": not a qrels line: " + line,
            "qrels lines are 'qid 0 docid grade' with an integer grade");
      }
      g.computeIfAbsent(f[0], q -> new LinkedHashMap<>()).put(f[2], grade);
    }
    return new Qrels(g);
  }

  /**
   * The judged queries, in file order.
   *
   * @return the query ids
   */
  public java.util.Set<String> queries() {
    return grades.keySet();
  }

  /**
   * The documents judged relevant (grade above 0) to a query.
   *
   * @param qid the query's id
   * @return their ids; empty when the query is not judged
   */
  public java.util.Set<String> relevant(String qid) {
    java.util.Set<String> out = new java.util.HashSet<>();
    judgments(qid)
        .forEach(
            (doc, grade) -> {
              if (grade > 0) {
                out.add(doc);
              }
            });
    return out;
  }

  /** Doc id to grade for one query; empty when the query is not judged. */
  Map<String, Integer> judgments(String qid) {
    return grades.getOrDefault(qid, Map.of());
  }

  /** The grade of a document for a query, 0 when unjudged. */
  int grade(String qid, String docId) {
    return judgments(qid).getOrDefault(docId, 0);
  }

  /** Number of relevant (grade > 0) documents of a query. */
  int relevantCount(String qid) {
    return relevant(qid).size();
  }
}
