package io.lexica.vectors.store;

import io.lexica.LexicaException;
import io.lexica.phrases.PhraseList;
import io.lexica.vectors.RowCheck;
import io.lexica.vectors.SubwordMatrix;
import io.lexica.vectors.WordVectors;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.lucene.codecs.CodecUtil;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.NoLockFactory;

/**
 * Verifies a model on disk, every byte of it and Lexica's own invariants: what {@code lexica model
 * check} runs. Opening a model reads only its small files, and Lucene verifies the checksum of a
 * large file only when it merges it or is asked to, so a byte flipped inside the vector data of a
 * copied model goes unnoticed and the model answers wrongly. This check reads everything. Its
 * steps, each run only when the ones it depends on passed (a damaged file makes later steps fail in
 * confusing ways):
 *
 * <ol>
 *   <li><b>Checksums.</b> The latest commit ({@code segments_N}) reads; every file it names is
 *       present and matches its Lucene checksum (the CRC32 in its codec footer, {@link
 *       CodecUtil#checksumEntireFile}); so does {@value SubwordMatrix#FILE_NAME} when present
 *       (files of its version 1 have no checksum: a warning). Every file is checked and each
 *       failure names its file. Files that belong to no part of the model are reported as warnings.
 *   <li><b>Lucene's {@link CheckIndex}</b> at its integrity level: postings, doc values and vectors
 *       decode consistently.
 *   <li><b>Lexica's invariants.</b> The model opens ({@link VectorStore#open}: format, one segment,
 *       both vector fields complete, dot-product similarity); the metadata's dimension and size are
 *       the vector fields'; every document has a word, no two the same, and the term of each word
 *       finds its own document; every raw vector passes the {@link RowCheck} (finite; all-zero ones
 *       counted in a warning) and every search vector is its raw vector normalised, bit for bit, as
 *       the writer stores it; rows kept for continued training are complete and finite; the n-gram
 *       rows are finite and of the model's dimension; a phrase list ({@value PhraseList#FILE_NAME})
 *       reads line by line (it is text, without a checksum).
 * </ol>
 *
 * Read-only: takes no lock and writes nothing, so it may run beside readers (an OpenSearch node).
 * {@link #run} is thread-safe; an instance is one run's findings.
 */
public final class ModelCheck {
  /** What a Lucene index directory may hold besides the commit's files. */
  private static final Set<String> ALLOWED_EXTRA = Set.of(IndexWriter.WRITE_LOCK_NAME);

  private final Path dir;
  private final List<String> passed = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();

  private ModelCheck(Path dir) {
    this.dir = dir;
  }

  /**
   * The outcome: what passed, what failed (empty when the model is intact) and what is worth
   * knowing, one sentence each.
   *
   * @param model the model folder checked
   * @param passed the checks that passed
   * @param problems the checks that failed: the model is damaged
   * @param warnings facts worth knowing that are no damage (an old format, a missing optional file)
   */
  public record Report(
      Path model, List<String> passed, List<String> problems, List<String> warnings) {
    /** Copies the lists, so a report is immutable. */
    public Report {
      passed = List.copyOf(passed);
      problems = List.copyOf(problems);
      warnings = List.copyOf(warnings);
    }

    /**
     * True when no check failed.
     *
     * @return {@code problems().isEmpty()}
     */
    public boolean intact() {
      return problems.isEmpty();
    }
  }

  /**
   * Checks the model at {@code dir}.
   *
   * @param dir the model folder
   * @return the report
   * @throws LexicaException when {@code dir} is not a directory or holds no Lucene index at all
   *     (nothing to check); damage is reported in the {@link Report}, not thrown
   */
  public static Report run(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new LexicaException(
          "no model at " + dir + (Files.exists(dir) ? " (it is a file, not a directory)" : ""),
          "give the directory of a model written by 'lexica train' or 'lexica import'");
    }
    ModelCheck check = new ModelCheck(dir);
    try (Directory directory = FSDirectory.open(dir)) {
      if (check.checksums(directory)) {
        check.luceneCheckIndex(directory);
      }
      if (check.problems.isEmpty()) {
        check.invariants(directory);
      }
    } catch (IOException e) {
      check.problems.add("the directory cannot be read: " + e.getMessage());
    }
    return new Report(dir, check.passed, check.problems, check.warnings);
  }

  /** Step 1; returns whether every checksum matched. */
  private boolean checksums(Directory directory) throws IOException {
    SegmentInfos commit;
    try {
      commit = SegmentInfos.readLatestCommit(directory);
    } catch (IndexNotFoundException e) {
      throw new LexicaException(
          dir + " is not a model: it holds no complete Lucene index",
          "give the directory of a model written by 'lexica train' or 'lexica import'; if a write"
              + " into it was interrupted, write the model again",
          e);
    } catch (IOException e) {
      // Reading the commit reads segments_N and each segment's .si, verifying their checksums.
      String file = fileOf(e);
      problems.add(
          (file != null ? file : SegmentInfos.getLastCommitSegmentsFileName(directory))
              + ": damaged, the commit cannot be read ("
              + originalMessage(e)
              + ")");
      return false;
    }
    Set<String> files = new TreeSet<>(commit.files(true));
    int failed = 0;
    for (String file : files) {
      String problem = checksum(directory, file);
      if (problem != null) {
        problems.add(problem);
        failed++;
      }
    }
    Path subwords = dir.resolve(SubwordMatrix.FILE_NAME);
    if (Files.exists(subwords)) {
      if (!SubwordMatrix.hasChecksum(subwords)) {
        warnings.add(
            SubwordMatrix.FILE_NAME
                + " has no checksum (an older Lexica wrote it): only its structure and values are"
                + " checked");
      } else {
        String problem = checksum(directory, SubwordMatrix.FILE_NAME);
        if (problem != null) {
          problems.add(problem);
          failed++;
        }
        files.add(SubwordMatrix.FILE_NAME);
      }
    }
    try (Stream<Path> listing = Files.list(dir)) {
      listing
          .map(p -> p.getFileName().toString())
          .filter(
              name ->
                  !files.contains(name)
                      && !ALLOWED_EXTRA.contains(name)
                      && !name.equals(SubwordMatrix.FILE_NAME)
                      && !name.equals(PhraseList.FILE_NAME))
          .sorted()
          .forEach(
              name ->
                  warnings.add(
                      name + " is not part of the model (left there by hand or by another tool?)"));
    }
    if (failed == 0) {
      passed.add(files.size() + " files: every checksum matches");
    }
    return failed == 0;
  }

  /** Verifies one file's footer checksum; null when it matches, else the problem naming it. */
  private static String checksum(Directory directory, String file) {
    try (IndexInput in = directory.openInput(file, IOContext.READONCE)) {
      CodecUtil.checksumEntireFile(in);
      return null;
    } catch (NoSuchFileException | FileNotFoundException e) {
      return file + ": missing";
    } catch (CorruptIndexException e) {
      return file + ": damaged (" + e.getOriginalMessage() + ")";
    } catch (IOException e) {
      return file + ": unreadable (" + e.getMessage() + ")";
    }
  }

  /** Step 2. */
  private void luceneCheckIndex(Directory directory) throws IOException {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    // A no-op lock: CheckIndex's default takes the write lock, which means writing a file.
    try (CheckIndex checker =
        new CheckIndex(
            directory, NoLockFactory.INSTANCE.obtainLock(directory, IndexWriter.WRITE_LOCK_NAME))) {
      checker.setLevel(CheckIndex.Level.MIN_LEVEL_FOR_INTEGRITY_CHECKS);
      checker.setInfoStream(new PrintStream(log, true, StandardCharsets.UTF_8), false);
      CheckIndex.Status status = checker.checkIndex();
      if (status.clean) {
        passed.add("Lucene's CheckIndex: postings, doc values and vectors are consistent");
        return;
      }
      String why = null;
      for (CheckIndex.Status.SegmentInfoStatus segment : status.segmentInfos) {
        if (segment.error != null && why == null) {
          why = originalMessage(segment.error);
        }
      }
      problems.add(
          "Lucene's CheckIndex finds the index damaged: "
              + (why != null ? why : lastLine(log.toString(StandardCharsets.UTF_8))));
    }
  }

  /** Step 3. */
  private void invariants(Directory directory) throws IOException {
    int dimension;
    int size;
    try (VectorStore store = VectorStore.open(dir)) {
      dimension = store.dimension();
      size = store.size();
      Map<String, String> meta = store.metadata();
      String declaredDim = meta.get(VectorStore.KEY_DIMENSION);
      String declaredSize = meta.get(VectorStore.KEY_SIZE);
      if (!Integer.toString(dimension).equals(declaredDim)
          || !Integer.toString(size).equals(declaredSize)) {
        problems.add(
            "the metadata says "
                + declaredSize
                + " words x "
                + declaredDim
                + " dims, the vectors are "
                + size
                + " x "
                + dimension);
        return;
      }
      passed.add(
          String.format(
              Locale.ROOT,
              "metadata: format %s, %,d words x %d dims, as the vector fields hold",
              meta.get(VectorStore.KEY_FORMAT),
              size,
              dimension));
    } catch (LexicaException e) {
      problems.add(e.getMessage());
      return;
    }
    try (DirectoryReader reader = DirectoryReader.open(directory)) {
      String problem = rows(reader.leaves().get(0).reader(), dimension);
      if (problem != null) {
        problems.add(problem);
        return;
      }
    }
    passed.add(
        String.format(
            Locale.ROOT,
            "%,d words: unique, each found by its term; vectors finite; search vectors are the raw"
                + " vectors normalised",
            size));
    Path subwords = dir.resolve(SubwordMatrix.FILE_NAME);
    if (Files.exists(subwords)) {
      try {
        SubwordMatrix ngrams = SubwordMatrix.read(subwords);
        if (ngrams.dimension() != dimension) {
          problems.add(
              SubwordMatrix.FILE_NAME
                  + " has "
                  + ngrams.dimension()
                  + " dimensions, the model "
                  + dimension);
          return;
        }
        passed.add(
            String.format(
                Locale.ROOT,
                "%s: %,d n-gram rows of %d dims, finite (%s)",
                SubwordMatrix.FILE_NAME,
                ngrams.storedRows(),
                dimension,
                ngrams.subwords()));
      } catch (LexicaException e) {
        problems.add(e.getMessage());
      }
    }
    if (Files.exists(dir.resolve(PhraseList.FILE_NAME))) {
      try {
        PhraseList phrases = PhraseList.read(dir);
        passed.add(
            String.format(
                Locale.ROOT,
                "%s: %,d phrases in %d passes, each line well formed",
                PhraseList.FILE_NAME,
                phrases.size(),
                phrases.passes().size()));
      } catch (LexicaException e) {
        problems.add(e.getMessage());
      }
    }
  }

  /** Checks every document's word and vectors; returns the first problem, or null. */
  private String rows(LeafReader leaf, int dim) throws IOException {
    SortedDocValues words = leaf.getSortedDocValues(VectorStore.WORD_FIELD);
    FloatVectorValues raw = leaf.getFloatVectorValues(VectorStore.RAW_FIELD);
    FloatVectorValues unit = leaf.getFloatVectorValues(VectorStore.VECTOR_FIELD);
    int size = leaf.maxDoc();
    if (words == null || words.getValueCount() != size) {
      return "the model has "
          + size
          + " documents but "
          + (words == null ? 0 : words.getValueCount())
          + " distinct words: every document must hold its own word";
    }
    // Rows kept for continued training (output rows, fastText's own rows) are optional, but
    // complete when present, and pass the same check.
    List<FloatVectorValues> trainingRows = new ArrayList<>();
    for (String field : List.of(VectorStore.OUTPUT_FIELD, VectorStore.WORD_ROW_FIELD)) {
      FloatVectorValues rows = leaf.getFloatVectorValues(field);
      if (rows != null && rows.size() != size) {
        return "the field '" + field + "' holds " + rows.size() + " rows for " + size + " words";
      }
      if (rows != null) {
        trainingRows.add(rows);
      }
    }
    RowCheck check = new RowCheck("the model at " + dir, "document", false);
    float[] expected = new float[dim];
    for (int doc = 0; doc < size; doc++) {
      if (!words.advanceExact(doc)) {
        return "document " + doc + " has no word";
      }
      String word = words.lookupOrd(words.ordValue()).utf8ToString();
      PostingsEnum postings =
          leaf.postings(new Term(VectorStore.WORD_FIELD, word), PostingsEnum.NONE);
      int found = postings == null ? DocIdSetIterator.NO_MORE_DOCS : postings.nextDoc();
      if (found != doc) {
        return "the term of '" + word + "' (document " + doc + ") finds document " + found;
      }
      if (raw.ordToDoc(doc) != doc || unit.ordToDoc(doc) != doc) {
        return "document " + doc + " ('" + word + "') lacks a vector";
      }
      System.arraycopy(raw.vectorValue(doc), 0, expected, 0, dim);
      try {
        check.values(word, expected, 0, dim, doc);
        for (FloatVectorValues rows : trainingRows) {
          check.requireFinite(word, rows.vectorValue(doc), 0, dim, doc);
        }
      } catch (LexicaException e) {
        return e.getMessage();
      }
      WordVectors.normalizeRow(expected, 0, dim);
      float[] stored = unit.vectorValue(doc);
      for (int i = 0; i < dim; i++) {
        if (Float.floatToIntBits(stored[i]) != Float.floatToIntBits(expected[i])) {
          return "document "
              + doc
              + " ('"
              + word
              + "'): its search vector is not its raw vector normalised (value "
              + (i + 1)
              + ": "
              + stored[i]
              + ", expected "
              + expected[i]
              + ")";
        }
      }
    }
    warnings.addAll(check.warnings());
    return null;
  }

  /** The name of the file a Lucene corruption report is about, or null when it does not say. */
  private static String fileOf(IOException e) {
    if (e instanceof CorruptIndexException c) {
      Matcher m = RESOURCE_PATH.matcher(c.getResourceDescription());
      if (m.find()) {
        return Path.of(m.group(1)).getFileName().toString();
      }
    }
    return null;
  }

  private static final Pattern RESOURCE_PATH = Pattern.compile("path=\"([^\"]+)\"");

  private static String originalMessage(Throwable e) {
    return e instanceof CorruptIndexException c ? c.getOriginalMessage() : e.getMessage();
  }

  private static String lastLine(String log) {
    String[] lines = log.strip().split("\n");
    return lines.length == 0 ? "(no details)" : lines[lines.length - 1].strip();
  }
}
