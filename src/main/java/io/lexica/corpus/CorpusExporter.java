package io.lexica.corpus;

import io.lexica.util.AtomicOutput;
import io.lexica.util.OutputPolicy;
import io.lexica.util.Progress;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a {@link TokenSource}'s documents as text: one document (field value) a line, tokens
 * separated by single spaces, gaps and out-of-vocabulary tokens omitted, empty documents skipped.
 * Other tools (gensim, fastText, word2vec) trained on the file see exactly the tokens Lexica trains
 * on. The file is written atomically. Not thread-safe.
 */
public final class CorpusExporter {
  private CorpusExporter() {}

  /**
   * What an export wrote.
   *
   * @param lines lines written: non-empty documents
   * @param tokens tokens written
   * @param seconds wall-clock seconds of the export
   */
  public record Result(long lines, long tokens, double seconds) {}

  /**
   * Exports {@code source} encoded against {@code vocabulary} to {@code out}.
   *
   * @param source the documents to write
   * @param vocabulary the tokens kept; others are omitted
   * @param out the text file; written beside and moved in atomically
   * @return the counts of the export
   * @throws io.lexica.LexicaException when {@code out} holds something other than a file
   */
  public static Result export(TokenSource source, Vocabulary vocabulary, Path out) {
    return export(source, vocabulary, out, OutputPolicy.SAFE);
  }

  /**
   * As {@link #export(TokenSource, Vocabulary, Path)}, replacing what {@code policy} allows.
   *
   * @param source the documents to write
   * @param vocabulary the tokens kept; others are omitted
   * @param out the text file; written beside and moved in atomically
   * @param policy whether any existing file may be replaced, and the inputs never replaced
   * @return the counts of the export
   * @throws io.lexica.LexicaException when {@code out} holds something the policy protects
   */
  public static Result export(
      TokenSource source, Vocabulary vocabulary, Path out, OutputPolicy policy) {
    long start = System.nanoTime();
    byte[][] words = new byte[vocabulary.size()][];
    for (int i = 0; i < words.length; i++) {
      words[i] = vocabulary.word(i).getBytes(StandardCharsets.UTF_8);
    }
    long[] counts = new long[2];
    try (AtomicOutput atomic = AtomicOutput.file(out, policy);
        OutputStream os = new BufferedOutputStream(Files.newOutputStream(atomic.path()), 1 << 20);
        Progress progress = Progress.start("exporting", vocabulary.totalCount(), "tokens")) {
      source.forEachDocument(
          vocabulary,
          (doc, field, ids, offset, length) -> {
            try {
              boolean first = true;
              int n = 0;
              for (int i = offset, end = offset + length; i < end; i++) {
                int id = ids[i];
                if (id >= 0) {
                  if (!first) {
                    os.write(' ');
                  }
                  first = false;
                  os.write(words[id]);
                  n++;
                }
              }
              if (n > 0) {
                os.write('\n');
                counts[0]++;
                counts[1] += n;
                progress.add(n);
              }
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
      os.close();
      atomic.commit();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Result(counts[0], counts[1], (System.nanoTime() - start) / 1e9);
  }
}
