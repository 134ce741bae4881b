package io.lexica.corpus;

import io.lexica.analysis.AnalyzerSpec;
import io.lexica.index.DocumentReader;
import io.lexica.index.InputFormat;
import io.lexica.index.SourceDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.util.BytesRef;

/**
 * Text files as a corpus, for users without an index: each document (a line of text, or the text of
 * a TSV/JSONL record; gzip read transparently) is analysed with the given analyzer, exactly as
 * {@code lexica index} would index its body. The files are read twice: once to count the
 * vocabulary, once to encode, so memory holds only the vocabulary.
 *
 * <p>Not thread-safe.
 */
public final class TextCorpusReader implements TokenSource {
  private static final String FIELD = "body";

  private final List<Path> files;
  private final AnalyzerSpec analyzer;
  private final InputFormat format;

  /**
   * @param format the files' format, or null to guess it from each file name
   */
  public TextCorpusReader(List<Path> files, AnalyzerSpec analyzer, InputFormat format) {
    this.files = List.copyOf(files);
    this.analyzer = analyzer;
    this.format = format;
    for (Path p : files) {
      try {
        open(p).close(); // fail early on a missing file
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private DocumentReader open(Path p) {
    return DocumentReader.open(p, format == null ? InputFormat.guess(p) : format);
  }

  /** Receives one analysed document's tokens. */
  private interface TokensVisitor {
    void start(int doc);

    void token(int position, BytesRef term);

    void end(int doc);
  }

  private void analyzeAll(TokensVisitor v) {
    try (Analyzer a = analyzer.create()) {
      int doc = 0;
      for (Path p : files) {
        try (DocumentReader r = open(p)) {
          for (SourceDocument d = r.next(); d != null; d = r.next()) {
            v.start(doc);
            Analysis.analyze(a, FIELD, List.of(d.text()), v::token);
            v.end(doc);
            doc++;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Vocabulary vocabulary() {
    Map<String, long[]> counts = new HashMap<>();
    Set<String> seen = new HashSet<>();
    analyzeAll(
        new TokensVisitor() {
          @Override
          public void start(int doc) {
            seen.clear();
          }

          @Override
          public void token(int position, BytesRef term) {
            String w = term.utf8ToString();
            long[] c = counts.computeIfAbsent(w, k -> new long[2]);
            c[0]++;
            if (seen.add(w)) {
              c[1]++;
            }
          }

          @Override
          public void end(int doc) {}
        });
    return IndexCorpusReader.toVocabulary(counts);
  }

  @Override
  public void forEachDocument(Vocabulary vocabulary, DocumentVisitor visitor) {
    Map<BytesRef, Integer> ids = IndexCorpusReader.termIds(vocabulary);
    PositionBuffer buffer = new PositionBuffer();
    analyzeAll(
        new TokensVisitor() {
          @Override
          public void start(int doc) {
            buffer.clear();
          }

          @Override
          public void token(int position, BytesRef term) {
            Integer id = ids.get(term);
            buffer.put(position, id == null ? CorpusBuilder.DROPPED : id);
          }

          @Override
          public void end(int doc) {
            if (buffer.length() > 0) {
              visitor.accept(doc, 0, buffer.ids(), 0, buffer.length());
            }
          }
        });
  }
}
