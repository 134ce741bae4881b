package io.lexica.cli;

import io.lexica.LexicaException;
import io.lexica.corpus.CorpusBuilder;
import io.lexica.corpus.EncodedCorpus;
import io.lexica.corpus.Vocabulary;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a pre-tokenized text file (one document a line, tokens separated by whitespace, as {@code
 * lexica corpus export} writes) into an {@link EncodedCorpus}: one pass to count, one to encode.
 * Words below {@code minCount} are dropped. A stopgap for {@code train --input} until the
 * analyzer-aware text reader of the corpus package is wired in.
 */
final class TokenFileCorpus {
  private TokenFileCorpus() {}

  static EncodedCorpus read(Path file, long minCount, int maxVocabulary) {
    Map<String, long[]> counts = new HashMap<>();
    forEachLine(
        file,
        tokens -> {
          for (String t : tokens) {
            counts.computeIfAbsent(t, k -> new long[1])[0]++;
          }
        });
    List<String> words = new ArrayList<>(counts.size());
    long[] c = new long[counts.size()];
    for (Map.Entry<String, long[]> e : counts.entrySet()) {
      c[words.size()] = e.getValue()[0];
      words.add(e.getKey());
    }
    if (words.isEmpty()) {
      throw new LexicaException(file + " holds no tokens", "give a non-empty text file");
    }
    Vocabulary vocabulary = Vocabulary.of(words, c).prune(minCount, maxVocabulary);
    counts.clear();
    CorpusBuilder builder = new CorpusBuilder(vocabulary);
    int[][] buffer = {new int[1024]};
    forEachLine(
        file,
        tokens -> {
          if (buffer[0].length < tokens.length) {
            buffer[0] = new int[tokens.length * 2];
          }
          int[] ids = buffer[0];
          for (int i = 0; i < tokens.length; i++) {
            int id = vocabulary.id(tokens[i]);
            ids[i] = id < 0 ? CorpusBuilder.DROPPED : id;
          }
          builder.addDocument(ids, tokens.length);
        });
    return builder.build();
  }

  private interface LineConsumer {
    void accept(String[] tokens);
  }

  private static void forEachLine(Path file, LineConsumer consumer) {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        String trimmed = line.strip();
        if (!trimmed.isEmpty()) {
          consumer.accept(trimmed.split("\\s+"));
        }
      }
    } catch (NoSuchFileException e) {
      throw new LexicaException("input file not found: " + file, "check the --input path");
    } catch (IOException e) {
      throw new LexicaException(
          "cannot read " + file + ": " + e.getMessage(), "check the file is readable text", e);
    }
  }
}
