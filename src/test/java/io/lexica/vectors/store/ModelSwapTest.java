package io.lexica.vectors.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.phrases.PhraseList;
import io.lexica.util.OutputPolicy;
import io.lexica.vectors.Embeddings;
import io.lexica.vectors.ModelWeights;
import io.lexica.vectors.WordVectors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readers that open a model while a writer replaces it again and again see the old model or the new
 * one, whole, and never an error: the issue this guards against saw 6 of 64 concurrent {@code
 * neighbors} calls fail with "file mismatch" while the files were swapped under them.
 */
class ModelSwapTest {
  @TempDir Path dir;

  /** A small model (writes are quick, so readers race many of them) of the same words. */
  private static WordVectors random(long seed) {
    java.util.Random rnd = new java.util.Random(seed);
    List<String> words = new ArrayList<>();
    float[] data = new float[64 * 16];
    for (int w = 0; w < 64; w++) {
      words.add("w" + w);
    }
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) rnd.nextGaussian();
    }
    return new WordVectors(words, data, 16, null);
  }

  @Test
  void readersSeeTheOldOrTheNewModelNeverAnError() throws Exception {
    Path target = dir.resolve("model");
    WordVectors a = random(1);
    WordVectors b = random(2);
    VectorStoreWriter.write(a, Map.of("algorithm", "a"), target, StoreOptions.DEFAULT);
    String word = a.word(0);
    float[] va = a.vector(0);
    float[] vb = b.vector(b.indexOf(word));

    AtomicBoolean writing = new AtomicBoolean(true);
    ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
    AtomicInteger sawA = new AtomicInteger();
    AtomicInteger sawB = new AtomicInteger();
    List<Thread> readers = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      boolean throughLoader = t == 0; // the expander's path: store plus subwords, if any
      Thread reader =
          new Thread(
              () -> {
                while (writing.get()) {
                  try (Embeddings e =
                      throughLoader ? ModelFiles.open(target) : VectorStore.open(target)) {
                    VectorStore store = e instanceof VectorStore s ? s : VectorStore.open(target);
                    float[] v = store.rawVector(word);
                    String algorithm = store.metadata().get("algorithm");
                    if (Arrays.equals(v, va) && algorithm.equals("a")) {
                      sawA.incrementAndGet();
                    } else if (Arrays.equals(v, vb) && algorithm.equals("b")) {
                      sawB.incrementAndGet();
                    } else {
                      throw new AssertionError("a mix of two models: " + algorithm);
                    }
                    if (store != e) {
                      store.close();
                    }
                  } catch (Throwable x) {
                    errors.add(x);
                  }
                }
              });
      reader.start();
      readers.add(reader);
    }
    try {
      for (int i = 0; i < 20; i++) {
        boolean even = i % 2 == 0;
        VectorStoreWriter.write(
            even ? b : a, Map.of("algorithm", even ? "b" : "a"), target, StoreOptions.DEFAULT);
      }
    } finally {
      writing.set(false);
      for (Thread r : readers) {
        r.join();
      }
    }
    assertEquals(List.of(), errors.stream().map(Throwable::toString).toList());
    assertTrue(sawA.get() > 0 && sawB.get() > 0, "both versions were read: " + sawA + " " + sawB);
  }

  @Test
  void aModelReadWholeIsOneVersionOfItsWeightsMetadataAndPhrases() throws Exception {
    Path target = dir.resolve("model");
    WordVectors a = random(1);
    WordVectors b = random(2);
    PhraseList pa = PhraseList.of(List.of(List.of(new PhraseList.Phrase("w1", "w2", 5, 1))));
    PhraseList pb = PhraseList.of(List.of(List.of(new PhraseList.Phrase("w3", "w4", 7, 2))));
    ModelWriter writer = ModelWriter.directory(target, OutputPolicy.SAFE);
    writer.write(ModelWeights.of(a), pa, ModelMetadata.of("a"));
    String word = a.word(0);

    AtomicBoolean writing = new AtomicBoolean(true);
    ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
    AtomicInteger sawA = new AtomicInteger();
    AtomicInteger sawB = new AtomicInteger();
    Thread reader =
        new Thread(
            () -> {
              while (writing.get()) {
                try {
                  ModelFiles.Contents c = ModelFiles.read(target);
                  String algorithm = c.metadata().get(VectorStore.KEY_ALGORITHM);
                  WordVectors v = c.weights().vectors();
                  float[] row = v.vector(v.indexOf(word));
                  List<String> phrases = c.phrases().tokens();
                  if (algorithm.equals("a")
                      && Arrays.equals(row, a.vector(0))
                      && phrases.equals(pa.tokens())) {
                    sawA.incrementAndGet();
                  } else if (algorithm.equals("b")
                      && Arrays.equals(row, b.vector(0))
                      && phrases.equals(pb.tokens())) {
                    sawB.incrementAndGet();
                  } else {
                    throw new AssertionError("a mix of two models: " + algorithm + " " + phrases);
                  }
                } catch (Throwable x) {
                  errors.add(x);
                }
              }
            });
    reader.start();
    try {
      for (int i = 0; i < 20; i++) {
        boolean even = i % 2 == 0;
        writer.write(
            ModelWeights.of(even ? b : a), even ? pb : pa, ModelMetadata.of(even ? "b" : "a"));
      }
    } finally {
      writing.set(false);
      reader.join();
    }
    assertEquals(List.of(), errors.stream().map(Throwable::toString).toList());
    assertTrue(sawA.get() > 0 && sawB.get() > 0, "both versions were read: " + sawA + " " + sawB);
  }
}
