package io.lexica.cli;

import io.lexica.docs.RankingEnsemble;
import picocli.CommandLine.Option;

/**
 * How an expanded query's documents are ranked ({@link RankingEnsemble}), as the option {@code
 * --ensemble}, shared by {@code lexica search} (its expanded mode) and {@code lexica eval
 * retrieval} (its {@code emb} run); checked while parsing, before any search.
 */
final class EnsembleOption {
  @Option(
      names = "--ensemble",
      paramLabel = "SPEC",
      defaultValue = "default",
      converter = OptionTypes.Ensemble.class,
      description =
          "How the expanded query's documents are ranked: default ("
              + "ensemble=sum,ensrm3=0.5,ensknn=0.25,keeptop=2: the expanded query's ranking fused"
              + " with plain RM3's of the same feedback and the document vectors' kNN ranking,"
              + " each by its scores over its best, then BM25's top 2 kept on top), none (the"
              + " expanded query's own ranking) or key=value pairs of ensemble (sum, rrf, rrf:K,"
              + " none), ensbm25, ensrm3, ensknn (weights against the expanded ranking's 1; 0 when"
              + " absent) and keeptop. kNN needs document vectors and RM3 feedback documents:"
              + " without them those parts are left out.")
  RankingEnsemble ensemble;
}
