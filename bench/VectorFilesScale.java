// Helper of bench/vector-files-scale.sh.
//   write N DIM FORMAT FILE: random vectors (words w0..w{N-1}) written in FORMAT
//   read FILE: reads FILE (format detected) and prints words, dimension, seconds
import io.lexica.vectors.formats.VectorFiles;
import io.lexica.vectors.formats.VectorFormat;
import io.lexica.vectors.WordVectors;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.SplittableRandom;

public class VectorFilesScale {
  public static void main(String[] args) {
    if (args[0].equals("write")) {
      int n = Integer.parseInt(args[1]), dim = Integer.parseInt(args[2]);
      float[] data = new float[n * dim];
      SplittableRandom rnd = new SplittableRandom(1);
      for (int i = 0; i < data.length; i++) data[i] = (float) (rnd.nextDouble() - 0.5);
      var words = new AbstractList<String>() {
        public String get(int i) { return "w" + i; }
        public int size() { return n; }
      };
      VectorFiles.write(new WordVectors(words, data, dim, null), Path.of(args[4]), VectorFormat.parse(args[3]));
    } else {
      long t0 = System.nanoTime();
      VectorFiles.Loaded l = VectorFiles.read(Path.of(args[1]), VectorFormat.AUTO, VectorFiles.ReadOptions.DEFAULT);
      System.out.printf("read %s: %s, %d words x %d dims in %.1f s with -Xmx%d MB%n", Path.of(args[1]).getFileName(),
          l.format(), l.vectors().size(), l.vectors().dimension(), (System.nanoTime() - t0) / 1e9,
          Runtime.getRuntime().maxMemory() >> 20);
    }
  }
}
