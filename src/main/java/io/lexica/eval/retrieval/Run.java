package io.lexica.eval.retrieval;

import io.lexica.util.AtomicOutput;
import io.lexica.util.OutputPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A ranked result list per query, as a TREC run file holds it. Immutable.
 *
 * @param name the run's tag (TREC's sixth column)
 * @param results query id to its ranked documents, best first
 */
public record Run(String name, Map<String, List<Hit>> results) {
  /**
   * A retrieved document and its score.
   *
   * @param docId the document's id
   * @param score the retrieval score
   */
  public record Hit(String docId, float score) {}

  /** Copies the results, so a run is immutable. */
  public Run {
    Map<String, List<Hit>> copy = new LinkedHashMap<>();
    results.forEach((q, hits) -> copy.put(q, List.copyOf(hits)));
    results = Collections.unmodifiableMap(copy);
  }

  /**
   * The hits of a query, empty when it has none.
   *
   * @param qid a query id
   * @return the hits, best first
   */
  public List<Hit> hits(String qid) {
    return results.getOrDefault(qid, List.of());
  }

  /**
   * Writes the run in TREC format ({@code qid Q0 docid rank score tag}), atomically.
   *
   * @param file the run file
   * @throws java.io.IOException when it cannot be written
   */
  public void write(Path file) throws IOException {
    write(file, OutputPolicy.SAFE);
  }

  /**
   * As {@link #write(Path)}, replacing what {@code policy} allows.
   *
   * @param file the run file
   * @param policy whether any existing file may be replaced, and the inputs never replaced
   * @throws java.io.IOException when it cannot be written
   */
  public void write(Path file, OutputPolicy policy) throws IOException {
    try (AtomicOutput out = AtomicOutput.file(file, policy)) {
      Files.writeString(out.path(), toTrec(), StandardCharsets.UTF_8);
      out.commit();
    }
  }

  /** The run in TREC format, one line per hit. */
  String toTrec() {
    StringBuilder sb = new StringBuilder();
    String tag = name.replaceAll("\\s+", "_");
    results.forEach(
        (q, hits) -> {
          for (int i = 0; i < hits.size(); i++) {
            Hit h = hits.get(i);
            sb.append(
                String.format(
                    Locale.ROOT, "%s Q0 %s %d %.6f %s%n", q, h.docId(), i + 1, h.score(), tag));
          }
        });
    return sb.toString();
  }
}
