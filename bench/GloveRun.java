// Runs GloVe on a token file (one document a line) with Lexica's library, printing the phase timings:
//   java --add-modules jdk.incubator.vector -cp 'target/lexica-0.1.0-SNAPSHOT.jar:target/lib/*' \
//     bench/GloveRun.java TOKENS OUT.txt key=value...
// keys: window (15) xmax (100) alpha (0.75) iterations (15) threads (2) memory (4g) seed (1) dim (100)
//       mincount (5) symmetric (true) output (sum|word) tmp (java.io.tmpdir)
// It exists so bench/glove.sh can run before `lexica train --algorithm glove` is on main; the CLI
// does the same through TrainCommand.
import io.lexica.corpus.CorpusBuilder;
import io.lexica.corpus.EncodedCorpus;
import io.lexica.corpus.Vocabulary;
import io.lexica.train.glove.CooccurrenceOptions;
import io.lexica.train.glove.GloveModel;
import io.lexica.train.glove.GloveOptions;
import io.lexica.train.glove.GloveTrainer;
import io.lexica.util.ByteSizes;
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

public class GloveRun {
  public static void main(String[] args) throws Exception {
    Path tokens = Path.of(args[0]);
    Path out = Path.of(args[1]);
    Map<String, String> kv = new HashMap<>();
    for (int i = 2; i < args.length; i++) {
      String[] p = args[i].split("=", 2);
      kv.put(p[0], p[1]);
    }
    long t0 = System.nanoTime();
    Map<String, long[]> counts = new HashMap<>();
    try (BufferedReader r = Files.newBufferedReader(tokens, StandardCharsets.UTF_8)) {
      for (String line; (line = r.readLine()) != null; ) {
        for (String w : line.split(" ")) {
          if (!w.isEmpty()) {
            counts.computeIfAbsent(w, k -> new long[1])[0]++;
          }
        }
      }
    }
    List<String> words = new ArrayList<>(counts.keySet());
    long[] c = new long[words.size()];
    for (int i = 0; i < c.length; i++) {
      c[i] = counts.get(words.get(i))[0];
    }
    Vocabulary vocab =
        Vocabulary.of(words, c).prune(Long.parseLong(kv.getOrDefault("mincount", "5")), 0);
    CorpusBuilder builder = new CorpusBuilder(vocab, 1 << 20); // a line is one unbroken document
    int[] ids = new int[1 << 16];
    try (BufferedReader r = Files.newBufferedReader(tokens, StandardCharsets.UTF_8)) {
      for (String line; (line = r.readLine()) != null; ) {
        String[] ws = line.split(" ");
        if (ws.length > ids.length) {
          ids = new int[ws.length * 2];
        }
        int n = 0;
        for (String w : ws) {
          if (!w.isEmpty()) {
            int id = vocab.id(w);
            ids[n++] = id < 0 ? CorpusBuilder.DROPPED : id;
          }
        }
        builder.addDocument(ids, n);
      }
    }
    EncodedCorpus corpus = builder.build();
    System.err.printf(
        "corpus: %d words, %d tokens, read in %.1f s%n",
        vocab.size(), corpus.tokenCount(), (System.nanoTime() - t0) / 1e9);
    CooccurrenceOptions counting =
        new CooccurrenceOptions(
            Integer.parseInt(kv.getOrDefault("window", "15")),
            Boolean.parseBoolean(kv.getOrDefault("symmetric", "true")),
            ByteSizes.parse(kv.getOrDefault("memory", "4g")),
            kv.containsKey("tmp") ? Path.of(kv.get("tmp")) : null);
    GloveOptions options =
        GloveOptions.defaults()
            .withDimension(Integer.parseInt(kv.getOrDefault("dim", "100")))
            .withIterations(Integer.parseInt(kv.getOrDefault("iterations", "15")))
            .withWeighting(
                Double.parseDouble(kv.getOrDefault("xmax", "100")),
                Double.parseDouble(kv.getOrDefault("alpha", "0.75")))
            .withThreads(Integer.parseInt(kv.getOrDefault("threads", "2")))
            .withSeed(Long.parseLong(kv.getOrDefault("seed", "1")))
            .withOutput(GloveOptions.Output.valueOf(kv.getOrDefault("output", "sum").toUpperCase()));
    long t1 = System.nanoTime();
    GloveModel model =
        new GloveTrainer(counting, options, s -> System.err.println("glove: " + s)).train(corpus);
    System.err.printf("glove total (count+shuffle+train): %.1f s%n", (System.nanoTime() - t1) / 1e9);
    VectorFiles.write(model.vectors(), out, VectorFormat.WORD2VEC_TEXT);
  }
}
