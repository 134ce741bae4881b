package io.lexica.eval.retrieval;

import io.lexica.corpus.CorpusBuilder;
import io.lexica.corpus.EncodedCorpus;
import io.lexica.corpus.Vocabulary;
import io.lexica.train.word2vec.Word2VecOptions;
import io.lexica.train.word2vec.Word2VecTrainer;
import io.lexica.vectors.WordVectors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Trains word2vec on a collection's analysed documents, one sequence per document. Immutable;
 * thread-safe.
 *
 * @param options word2vec settings; the seed given to {@link #train} replaces theirs
 * @param minCount words rarer than this are left out of the model
 */
public record Word2VecLocalTrainer(Word2VecOptions options, int minCount)
    implements LocalModelTrainer {
  /**
   * The settings tuned for small collections (1-3 k documents, 10-300 k tokens): the trainer's
   * skip-gram defaults with more epochs, as such corpora are a hundred times smaller than the tens
   * of millions of tokens word2vec's defaults were made for.
   *
   * @return the trainer
   */
  public static Word2VecLocalTrainer defaults() {
    return new Word2VecLocalTrainer(Word2VecOptions.builder().epochs(20).build(), 2);
  }

  @Override
  public WordVectors train(List<List<String>> documents, long seed) {
    Map<String, long[]> stats = new HashMap<>(); // word -> {count, docFreq}
    for (List<String> doc : documents) {
      Set<String> seen = new HashSet<>();
      for (String t : doc) {
        long[] s = stats.computeIfAbsent(t, w -> new long[2]);
        s[0]++;
        if (seen.add(t)) {
          s[1]++;
        }
      }
    }
    List<String> words = new ArrayList<>(stats.keySet());
    long[] counts = new long[words.size()];
    long[] dfs = new long[words.size()];
    for (int i = 0; i < words.size(); i++) {
      long[] s = stats.get(words.get(i));
      counts[i] = s[0];
      dfs[i] = s[1];
    }
    Vocabulary vocabulary = Vocabulary.of(words, counts, dfs).prune(minCount, 0);
    CorpusBuilder builder = new CorpusBuilder(vocabulary);
    int[] ids = new int[16];
    for (List<String> doc : documents) {
      if (ids.length < doc.size()) {
        ids = new int[doc.size()];
      }
      for (int i = 0; i < doc.size(); i++) {
        int id = vocabulary.id(doc.get(i));
        ids[i] = id < 0 ? CorpusBuilder.DROPPED : id;
      }
      builder.addDocument(ids, doc.size());
    }
    try (EncodedCorpus corpus = builder.build()) {
      Word2VecOptions o = options.toBuilder().seed(seed).build();
      return Word2VecTrainer.train(corpus, o).vectors();
    }
  }
}
