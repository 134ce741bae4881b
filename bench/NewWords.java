// Helper of bench/update.sh: which words the documents added to an index brought, and which models
// have vectors for them. Counts come from the terms dictionaries (total term frequency of FIELD), so
// nothing is re-read: OLD_INDEX is a copy of the index before the append, ALL_INDEX the index after.
//   java -cp <lexica jar + lib> bench/NewWords.java OLD_INDEX ALL_INDEX FIELD MIN_COUNT OUT_DIR MODEL...
// Prints one line per figure; writes OUT_DIR/new-only.txt (words absent from the old documents that
// every model holding any of them has, one a line, most frequent first) and OUT_DIR/grown.txt (words
// below MIN_COUNT in the old documents and at or above it in all, most frequent first) for 'lexica
// eval overlap --words'.
import io.lexica.vectors.store.VectorStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

public class NewWords {
  public static void main(String[] args) throws Exception {
    Map<String, Long> old = counts(Path.of(args[0]), args[2]);
    Map<String, Long> all = counts(Path.of(args[1]), args[2]);
    long minCount = Long.parseLong(args[3]);
    Path out = Path.of(args[4]);
    List<String> names = new ArrayList<>();
    List<VectorStore> models = new ArrayList<>();
    for (int i = 5; i < args.length; i++) {
      names.add(Path.of(args[i]).getFileName().toString());
      models.add(VectorStore.open(Path.of(args[i])));
    }
    List<String> newOnly = new ArrayList<>(); // absent from the old documents
    List<String> grown = new ArrayList<>(); // in the old documents, below min count there, not overall
    for (Map.Entry<String, Long> e : all.entrySet()) {
      long before = old.getOrDefault(e.getKey(), 0L);
      long added = e.getValue() - before;
      if (before == 0 && added >= minCount) {
        newOnly.add(e.getKey());
      } else if (before > 0 && before < minCount && e.getValue() >= minCount) {
        grown.add(e.getKey());
      }
    }
    Comparator<String> byCount = Comparator.comparingLong((String w) -> -all.get(w));
    newOnly.sort(byCount.thenComparing(Comparator.naturalOrder()));
    grown.sort(byCount.thenComparing(Comparator.naturalOrder()));
    long distinctNewOnly = all.keySet().stream().filter(w -> !old.containsKey(w)).count();
    System.out.printf("words absent from the old documents: %d (%d of them occur >= %d times)%n",
        distinctNewOnly, newOnly.size(), minCount);
    System.out.printf("words below %d in the old documents and at or above it in all: %d%n",
        minCount, grown.size());
    for (int m = 0; m < models.size(); m++) {
      VectorStore s = models.get(m);
      System.out.printf("%s: %d words; of the %d new-only words %d; of the %d grown words %d%n",
          names.get(m), s.size(), newOnly.size(), newOnly.stream().filter(s::contains).count(),
          grown.size(), grown.stream().filter(s::contains).count());
    }
    List<VectorStore> holding =
        models.stream().filter(s -> newOnly.stream().anyMatch(s::contains)).toList();
    List<String> inAll =
        newOnly.stream().filter(w -> holding.stream().allMatch(s -> s.contains(w))).toList();
    Files.write(out.resolve("new-only.txt"), inAll);
    Files.write(out.resolve("grown.txt"), grown);
    System.out.printf("new-only words every model that has some has: %d (new-only.txt)%n", inAll.size());
    for (VectorStore s : models) {
      s.close();
    }
  }

  private static Map<String, Long> counts(Path index, String field) throws Exception {
    Map<String, Long> counts = new HashMap<>();
    try (FSDirectory dir = FSDirectory.open(index);
        DirectoryReader reader = DirectoryReader.open(dir)) {
      Terms terms = MultiTerms.getTerms(reader, field);
      TermsEnum te = terms.iterator();
      for (BytesRef t = te.next(); t != null; t = te.next()) {
        counts.put(t.utf8ToString(), te.totalTermFreq());
      }
    }
    return counts;
  }
}
