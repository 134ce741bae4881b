package io.lexica.vectors.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.LexicaException;
import io.lexica.phrases.PhraseList;
import io.lexica.util.OutputKind;
import io.lexica.util.OutputPolicy;
import io.lexica.vectors.FastTextBin;
import io.lexica.vectors.FastTextModel;
import io.lexica.vectors.ModelWeights;
import io.lexica.vectors.VectorFieldLimits;
import io.lexica.vectors.WordVectors;
import io.lexica.vectors.formats.VectorFiles;
import io.lexica.vectors.formats.VectorFormat;
import io.lexica.vectors.store.VectorStoreWriter.LanguagePart;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelWriterTest {
  @TempDir Path dir;

  private final WordVectors vectors = ModelFilesTest.THREE_WORDS;

  /** Stands for a trainer's options record (nested records are flattened, enums by name). */
  enum Shape {
    ROUND,
    SQUARE
  }

  record Inner(double rate, boolean shared) {}

  record Options(int dimension, long seed, Shape shape, Inner inner) {}

  private static ModelMetadata.Corpus corpus() {
    return new ModelMetadata.Corpus("/data/idx", "body,title", "standard", 1234, null);
  }

  private static Lineage.Step step(String kind) {
    return new Lineage.Step(
        kind, "2026-12-03T00:00:00Z", "/data/idx", "body", null, 7, 1234, 3, 0.5, null);
  }

  @Test
  void theOutputIsDecidedByTheFormatElseTheName() {
    OutputPolicy p = OutputPolicy.SAFE;
    assertEquals(
        VectorFormat.WORD2VEC_BINARY, ModelWriter.of(dir.resolve("v.bin"), null, p).fileFormat());
    assertEquals(
        VectorFormat.WORD2VEC_BINARY,
        ModelWriter.of(dir.resolve("v.bin.gz"), null, p).fileFormat());
    for (String name : List.of("v.txt", "v.vec", "v.w2v", "v.txt.gz")) {
      assertEquals(
          VectorFormat.WORD2VEC_TEXT, ModelWriter.of(dir.resolve(name), null, p).fileFormat());
    }
    ModelWriter model = ModelWriter.of(dir.resolve("model"), null, p);
    assertTrue(model.isDirectory());
    assertNull(model.fileFormat());
    assertTrue(ModelWriter.of(dir.resolve("v.bin"), "store", p).isDirectory());
    assertEquals(VectorFormat.GLOVE, ModelWriter.of(dir.resolve("m"), "glove", p).fileFormat());
    assertThrows(LexicaException.class, () -> ModelWriter.of(dir.resolve("m"), "auto", p));
    assertThrows(LexicaException.class, () -> ModelWriter.of(dir.resolve("m"), "fasttext-bin", p));
    assertThrows(LexicaException.class, () -> ModelWriter.of(dir.resolve("m"), "nonsense", p));
    // No target: nothing is written, nothing is checked but the extras
    ModelWriter none = ModelWriter.of(null, null, p);
    assertFalse(none.isDirectory());
    assertEquals(List.of(), none.outputs());
    none.check(VectorFieldLimits.MAX_DIMENSION + 1, true);
    none.write(ModelWeights.of(vectors), PhraseList.EMPTY, ModelMetadata.of("x"));
    assertEquals(0, dir.toFile().list().length);
  }

  @Test
  void theMetadataOfATrainingRunRoundTrips() {
    Options options = new Options(2, 42, Shape.SQUARE, new Inner(0.025, true));
    Path model = dir.resolve("model");
    ModelMetadata written =
        ModelMetadata.trained("word2vec", options, 5, corpus())
            .lineage(Lineage.NONE.then(step("train")))
            .put("sif.a", 0.001);
    ModelWriter.directory(model, OutputPolicy.SAFE)
        .write(ModelWeights.of(vectors), PhraseList.EMPTY, written);

    Map<String, String> read = ModelFiles.metadata(model);
    assertEquals(options, ModelMetadata.readParams(Options.class, read));
    assertEquals("5", read.get(VectorStore.KEY_PARAM_PREFIX + "min_count"));
    assertEquals("/data/idx", read.get(VectorStore.KEY_SOURCE_INDEX));
    assertEquals("body,title", read.get(VectorStore.KEY_SOURCE_FIELD));
    assertEquals("standard", read.get(VectorStore.KEY_ANALYZER));
    assertEquals("1234", read.get(VectorStore.KEY_CORPUS_TOKENS));
    assertEquals("0.001", read.get("sif.a"));
    assertEquals(List.of(step("train")), Lineage.of(read).steps());
    // every entry of the record is kept as given; the writer adds its own keys, and only those
    Map<String, String> own = new HashMap<>(read);
    own.keySet().removeAll(ModelMetadata.WRITER_KEYS);
    assertEquals(written.toMap(), own);
    assertTrue(read.keySet().containsAll(ModelMetadata.WRITER_KEYS), read.keySet().toString());
    assertEquals("3", read.get(VectorStore.KEY_SIZE));
  }

  @Test
  void aDerivedModelKeepsItsSourcesRecordButNotTheWritersKeys() {
    Path source = dir.resolve("source");
    ModelWriter.directory(source, OutputPolicy.SAFE)
        .storeOptions(new StoreOptions(8, 50, 0))
        .write(
            ModelWeights.of(vectors),
            PhraseList.EMPTY,
            ModelMetadata.trained("glove", new Inner(0.05, false), 1, corpus())
                .lineage(Lineage.NONE.then(step("train"))));
    ModelFiles.Contents contents = ModelFiles.read(source);
    ModelMetadata derived = ModelMetadata.derivedFrom(contents);
    for (String key : ModelMetadata.WRITER_KEYS) {
      assertNull(derived.get(key), key);
    }
    assertEquals("glove", derived.get(VectorStore.KEY_ALGORITHM));
    derived.put("retrofit.method", "retrofit").then(step("retrofit"));

    WordVectors smaller =
        new WordVectors(List.of("the", "of"), new float[] {1, 0, 0, 1}, 2, new long[] {3, 2});
    Path out = dir.resolve("derived");
    ModelWriter.directory(out, OutputPolicy.SAFE)
        .storeOptions(StoreOptions.recordedIn(contents.metadata()))
        .write(ModelWeights.of(smaller), contents.phrases(), derived);
    Map<String, String> read = ModelFiles.metadata(out);
    assertEquals("2", read.get(VectorStore.KEY_SIZE), "the size is the new model's");
    assertEquals("8", read.get(VectorStore.KEY_HNSW_M), "the source's graph settings kept");
    assertEquals("retrofit", read.get("retrofit.method"));
    assertEquals(
        List.of("train", "retrofit"),
        Lineage.of(read).steps().stream().map(Lineage.Step::kind).toList());
    assertEquals(new Inner(0.05, false), ModelMetadata.readParams(Inner.class, read));

    // A vector file records nothing: a model derived from it says where it came from
    Path file = dir.resolve("v.txt");
    VectorFiles.write(vectors, file, VectorFormat.WORD2VEC_TEXT);
    ModelMetadata fromFile = ModelMetadata.derivedFrom(ModelFiles.read(file));
    assertEquals(ModelMetadata.IMPORTED, fromFile.get(VectorStore.KEY_ALGORITHM));
    assertEquals(file.toAbsolutePath().toString(), fromFile.get(ModelMetadata.KEY_SOURCE_FILE));
    assertEquals(fromFile.toMap(), ModelMetadata.derivedFrom(file).toMap());
  }

  @Test
  void theWritersKeysAreRefusedInARecord() {
    for (String key : ModelMetadata.WRITER_KEYS) {
      LexicaException e =
          assertThrows(LexicaException.class, () -> ModelMetadata.of("x").put(key, "1"));
      assertTrue(e.getMessage().contains(key), e.getMessage());
    }
    assertThrows(
        LexicaException.class,
        () -> ModelMetadata.imported(dir, "glove").putAll(Map.of(VectorStore.KEY_SIZE, "9")));
    assertEquals(
        "gensim", ModelMetadata.imported(dir, "glove").put("algorithm", "gensim").get("algorithm"));
  }

  @Test
  void onlyAModelIsReplacedAndARefusalLeavesEverythingAsItWas() throws IOException {
    Path folder = dir.resolve("notes");
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("mine.txt"), "keep me");
    ModelWriter writer = ModelWriter.directory(folder, OutputPolicy.SAFE);
    assertThrows(LexicaException.class, () -> writer.check(2, false));
    assertThrows(
        LexicaException.class,
        () -> writer.write(ModelWeights.of(vectors), PhraseList.EMPTY, ModelMetadata.of("x")));
    assertEquals("keep me", Files.readString(folder.resolve("mine.txt")));
    assertEquals(List.of("mine.txt"), List.of(folder.toFile().list()));
    assertEquals(List.of("notes"), List.of(dir.toFile().list()), "no temporary left");

    // A model is replaced by a model; --overwrite replaces anything
    Path model = dir.resolve("model");
    ModelWriter.directory(model, OutputPolicy.SAFE)
        .write(ModelWeights.of(vectors), PhraseList.EMPTY, ModelMetadata.of("first"));
    ModelWriter.directory(model, OutputPolicy.SAFE)
        .write(ModelWeights.of(vectors), PhraseList.EMPTY, ModelMetadata.of("second"));
    assertEquals("second", ModelFiles.metadata(model).get(VectorStore.KEY_ALGORITHM));
    ModelWriter.directory(folder, OutputPolicy.overwrite(true))
        .write(ModelWeights.of(vectors), PhraseList.EMPTY, ModelMetadata.of("forced"));
    assertEquals("forced", ModelFiles.metadata(folder).get(VectorStore.KEY_ALGORITHM));

    // An input is never replaced, even with --overwrite
    ModelWriter onInput = ModelWriter.directory(model, OutputPolicy.overwrite(true).reading(model));
    assertThrows(LexicaException.class, () -> onInput.check(2, false));
  }

  @Test
  void whatOnlyAModelDirectoryHoldsIsRefusedForAFileBeforeAnyWork() {
    ModelWriter file = ModelWriter.of(dir.resolve("v.vec"), null, OutputPolicy.SAFE);
    assertThrows(LexicaException.class, () -> file.check(2, true), "phrases need a directory");
    file.check(VectorFieldLimits.MAX_DIMENSION + 1, false); // a file has no dimension limit
    assertThrows(LexicaException.class, () -> file.checkWords(List.of("new york")));
    assertThrows(
        LexicaException.class,
        () -> file.write(List.of(new LanguagePart("en", vectors, null)), ModelMetadata.of("x")));

    ModelWriter model = ModelWriter.directory(dir.resolve("m"), OutputPolicy.SAFE);
    assertThrows(
        LexicaException.class, () -> model.check(VectorFieldLimits.MAX_DIMENSION + 1, false));
    model.check(2, true);
    model.checkWords(List.of("new york")); // a model holds any word
    assertEquals(0, dir.toFile().list().length, "checks write nothing");
  }

  @Test
  void aVectorFileGetsTheVectorsBitForBit() {
    Path file = dir.resolve("v.bin");
    ModelWriter.of(file, null, OutputPolicy.SAFE)
        .write(ModelWeights.of(vectors), PhraseList.EMPTY, ModelMetadata.of("word2vec"));
    WordVectors back = VectorFiles.read(file);
    assertEquals(vectors.words(), back.words());
    assertArrayEquals(vectors.data(), back.data());
  }

  @Test
  void theExtrasAreWrittenWhereAskedAndCheckedWithTheModel() throws IOException {
    Path bin = dir.resolve("tiny.bin");
    try (InputStream in = getClass().getResourceAsStream("/io/lexica/vectors/fasttext-tiny.bin")) {
      Files.copy(in, bin);
    }
    FastTextModel m = FastTextBin.read(bin, true);
    Path copy = dir.resolve("copy.bin");
    Path biases = dir.resolve("biases.txt");
    ModelWriter writer =
        ModelWriter.of(dir.resolve("model"), null, OutputPolicy.SAFE)
            .fastTextBin(copy)
            .gloveBiases(biases);
    assertEquals(
        List.of(
            new ModelWriter.Output(VectorStore.KIND, dir.resolve("model"), "model"),
            new ModelWriter.Output(OutputKind.FILE, copy, "fastText .bin"),
            new ModelWriter.Output(OutputKind.FILE, biases, "GloVe biases")),
        writer.outputs());
    writer.writeFastTextBin(m);
    assertArrayEquals(Files.readAllBytes(bin), Files.readAllBytes(copy));
    writer.writeGloveBiases(vectors, new float[] {1, -2, 0.5f}, new float[] {0, 3, -1});
    assertEquals(List.of("the 1.0 0.0", "of -2.0 3.0", "and 0.5 -1.0"), Files.readAllLines(biases));
    assertThrows(
        LexicaException.class,
        () -> ModelWriter.directory(dir, OutputPolicy.SAFE).fastTextBin(dir.resolve("x.vec")));

    // an extra that may not be replaced fails the check, before any work
    Path folder = dir.resolve("folder");
    Files.createDirectories(folder.resolve("sub"));
    ModelWriter bad = ModelWriter.of(null, null, OutputPolicy.SAFE).gloveBiases(folder);
    assertThrows(LexicaException.class, () -> bad.check(2, false));
  }
}
