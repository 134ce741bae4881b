// Helper of bench/vector-files-interop.sh (run as a single-file program on Lexica's class path).
//   write DIR: random vectors -> DIR/lexica.{txt,bin,glove} plus the expected raw values
//              (DIR/lexica.f32: float32 little-endian, DIR/lexica.words: one word a line)
//   check DIR: reads DIR/gensim.txt and DIR/gensim.bin (written by gensim) and compares them
//              bit for bit with DIR/gensim.f32 and DIR/gensim.words (gensim's own values)
import io.lexica.vectors.formats.VectorFiles;
import io.lexica.vectors.formats.VectorFormat;
import io.lexica.vectors.WordVectors;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

public class VectorFilesInterop {
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[1]);
    if (args[0].equals("write")) {
      int n = 3000, dim = 64;
      SplittableRandom rnd = new SplittableRandom(11);
      List<String> words = new ArrayList<>();
      String[] special = {"café", "日本語", "naïve", "Ωmega", "emoji😀", "</s>", "x"};
      for (int i = 0; i < n; i++) words.add(i < special.length ? special[i] : "w" + i);
      float[] data = new float[n * dim];
      for (int i = 0; i < data.length; i++) {
        data[i] = switch (i % 9) {
          case 0 -> Float.intBitsToFloat(rnd.nextInt(0x7f800000)) * (rnd.nextBoolean() ? 1 : -1);
          case 1 -> Float.MIN_VALUE;
          case 2 -> -0f;
          default -> (float) rnd.nextGaussian() * 0.2f;
        };
      }
      WordVectors v = new WordVectors(words, data, dim, null);
      VectorFiles.write(v, dir.resolve("lexica.txt"), VectorFormat.WORD2VEC_TEXT);
      VectorFiles.write(v, dir.resolve("lexica.bin"), VectorFormat.WORD2VEC_BINARY);
      VectorFiles.write(v, dir.resolve("lexica.glove"), VectorFormat.GLOVE);
      ByteBuffer b = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
      b.asFloatBuffer().put(data);
      Files.write(dir.resolve("lexica.f32"), b.array());
      Files.write(dir.resolve("lexica.words"), words, StandardCharsets.UTF_8);
    } else {
      List<String> words = Files.readAllLines(dir.resolve("gensim.words"), StandardCharsets.UTF_8);
      ByteBuffer raw = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("gensim.f32")))
          .order(ByteOrder.LITTLE_ENDIAN);
      float[] expected = new float[raw.remaining() / 4];
      raw.asFloatBuffer().get(expected);
      boolean ok = true;
      for (String name : new String[] {"gensim.txt", "gensim.bin"}) {
        VectorFiles.Loaded l = VectorFiles.read(dir.resolve(name), VectorFormat.AUTO,
            VectorFiles.ReadOptions.DEFAULT);
        boolean same = l.vectors().words().equals(words) && bitsEqual(l.vectors().data(), expected);
        System.out.printf("lexica reads %-11s (%s, %d x %d): %s%n", name, l.format(),
            l.vectors().size(), l.vectors().dimension(), same ? "bit-exact" : "MISMATCH");
        ok &= same;
      }
      if (!ok) System.exit(1);
    }
  }

  static boolean bitsEqual(float[] a, float[] b) {
    if (a.length != b.length) return false;
    for (int i = 0; i < a.length; i++) {
      if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) return false;
    }
    return true;
  }
}
