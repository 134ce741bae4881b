import io.lexica.corpus.CorpusBuilder;
import io.lexica.corpus.EncodedCorpus;
import io.lexica.corpus.Vocabulary;
import io.lexica.train.fasttext.FastTextTrainer;
import io.lexica.train.word2vec.Word2VecOptions;
import io.lexica.vectors.FastTextBin;
import io.lexica.vectors.FastTextModel;
import io.lexica.vectors.Subwords;
import io.lexica.vectors.formats.VectorFiles;
import io.lexica.vectors.formats.VectorFormat;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains fastText-style vectors on a token file (one document a line, tokens separated by spaces)
 * with the library API and writes OUT.bin (fastText format) and OUT.vec; prints the training
 * throughput. Used by bench/fasttext.sh until `lexica train --algorithm fasttext` reads token
 * files. Run with the jar on the class path (source-file mode):
 *
 * <pre>java --add-modules jdk.incubator.vector -cp 'target/lexica-0.1.0-SNAPSHOT.jar:target/lib/*'
 *   bench/FastTextBench.java TOKENS OUT sg|cbow THREADS EPOCHS [MINN MAXN BUCKETS [WORDS]]</pre>
 *
 * With WORDS (a file, one word a line), also writes OUT.words.txt: those words' vectors as the
 * trained model in memory gives them (n-grams only for unseen words), in the format of fastText's
 * print-word-vectors, to compare with what the fastText tool computes from OUT.bin.
 */
public class FastTextBench {
  public static void main(String[] a) throws Exception {
    Path tokens = Path.of(a[0]);
    String out = a[1];
    boolean cbow = a[2].equals("cbow");
    int threads = Integer.parseInt(a[3]);
    int epochs = Integer.parseInt(a[4]);
    int minn = a.length > 5 ? Integer.parseInt(a[5]) : 3;
    int maxn = a.length > 6 ? Integer.parseInt(a[6]) : 6;
    int buckets = a.length > 7 ? Integer.parseInt(a[7]) : 2_000_000;
    long t0 = System.nanoTime();
    Map<String, long[]> counts = new HashMap<>();
    try (BufferedReader r = Files.newBufferedReader(tokens, StandardCharsets.UTF_8)) {
      for (String line; (line = r.readLine()) != null; ) {
        for (String t : line.split(" ")) {
          if (!t.isEmpty()) {
            counts.computeIfAbsent(t, k -> new long[1])[0]++;
          }
        }
      }
    }
    List<String> words = new ArrayList<>(counts.keySet());
    long[] c = new long[words.size()];
    for (int i = 0; i < c.length; i++) {
      c[i] = counts.get(words.get(i))[0];
    }
    counts = null;
    Vocabulary vocabulary = Vocabulary.of(words, c).prune(5, 0);
    words = null;
    CorpusBuilder builder = new CorpusBuilder(vocabulary);
    int[] ids = new int[1 << 16];
    try (BufferedReader r = Files.newBufferedReader(tokens, StandardCharsets.UTF_8)) {
      for (String line; (line = r.readLine()) != null; ) {
        int n = 0;
        for (String t : line.split(" ")) {
          if (!t.isEmpty()) {
            if (n == ids.length) {
              ids = java.util.Arrays.copyOf(ids, n * 2);
            }
            int id = vocabulary.id(t);
            ids[n++] = id < 0 ? CorpusBuilder.DROPPED : id;
          }
        }
        builder.addDocument(ids, n);
      }
    }
    EncodedCorpus corpus = builder.build();
    double prep = (System.nanoTime() - t0) / 1e9;
    Word2VecOptions options =
        Word2VecOptions.builder()
            .architecture(
                cbow ? Word2VecOptions.Architecture.CBOW : Word2VecOptions.Architecture.SKIPGRAM)
            .dimension(100)
            .window(5)
            .negative(5)
            .negativePower(FastTextTrainer.DEFAULT_NEGATIVE_POWER)
            .sample(1e-4)
            .epochs(epochs)
            .threads(threads)
            .seed(1)
            .perPredictionUpdates(Boolean.getBoolean("perPrediction"))
            .build();
    long t1 = System.nanoTime();
    FastTextTrainer.Result result =
        FastTextTrainer.train(corpus, options, new Subwords(minn, maxn, buckets));
    double train = (System.nanoTime() - t1) / 1e9;
    FastTextModel model = result.model();
    FastTextBin.write(model, Path.of(out + ".bin"));
    VectorFiles.write(model.wordVectors(), Path.of(out + ".vec"), VectorFormat.FASTTEXT_VEC);
    if (a.length > 8) {
      StringBuilder sb = new StringBuilder();
      for (String w : Files.readAllLines(Path.of(a[8]), StandardCharsets.UTF_8)) {
        int id = vocabulary.id(w);
        float[] v = id >= 0 ? model.wordVector(id) : model.ngrams().vector(w);
        sb.append(w);
        for (int i = 0; i < options.dimension(); i++) {
          sb.append(' ').append(v == null ? 0f : v[i]);
        }
        sb.append('\n');
      }
      Files.writeString(Path.of(out + ".words.txt"), sb);
    }
    System.out.printf(
        "vocabulary %d words, corpus %d tokens (%d in vocabulary), used buckets %d of %d%n"
            + "prepare %.1f s, train %.1f s, %.0f tokens/s (corpus tokens x epochs / train s), "
            + "epoch loss %s%n",
        vocabulary.size(),
        vocabulary.totalCount(),
        corpus.tokenCount(),
        result.usedBuckets(),
        buckets,
        prep,
        train,
        corpus.tokenCount() * (double) epochs / train,
        java.util.Arrays.toString(result.report().epochLoss()));
  }
}
