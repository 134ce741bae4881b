package io.lexica.cli;

import io.lexica.util.AtomicOutput;
import io.lexica.vectors.WordVectors;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes vectors in the word2vec C tool's formats: a header line {@code "V dim"}, then per word
 * either {@code word v1 v2 ...} (text) or {@code word}, a space, {@code dim} little-endian float32
 * and a newline (binary). A stopgap until the vectors package's file formats are wired in.
 */
final class Word2VecFiles {
  private Word2VecFiles() {}

  static void write(WordVectors vectors, Path file, boolean binary) throws IOException {
    try (AtomicOutput output = AtomicOutput.file(file)) {
      try (OutputStream out = Files.newOutputStream(output.path())) {
        write(vectors, out, binary);
      }
      output.commit();
    }
  }

  private static void write(WordVectors v, OutputStream raw, boolean binary) throws IOException {
    OutputStream out = new BufferedOutputStream(raw, 1 << 16);
    int dim = v.dimension();
    float[] data = v.data();
    out.write((v.size() + " " + dim + "\n").getBytes(StandardCharsets.UTF_8));
    ByteBuffer row = ByteBuffer.allocate(4 * dim).order(ByteOrder.LITTLE_ENDIAN);
    StringBuilder sb = new StringBuilder();
    for (int w = 0; w < v.size(); w++) {
      if (binary) {
        out.write((v.word(w) + " ").getBytes(StandardCharsets.UTF_8));
        row.clear();
        for (int i = 0; i < dim; i++) {
          row.putFloat(data[w * dim + i]);
        }
        out.write(row.array());
        out.write('\n');
      } else {
        sb.setLength(0);
        sb.append(v.word(w));
        for (int i = 0; i < dim; i++) {
          sb.append(' ').append(data[w * dim + i]);
        }
        sb.append('\n');
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
      }
    }
    out.flush();
  }
}
