// Helper of bench/eval-peers.sh: converts any vector file Lexica reads (word2vec text, fastText .vec,
// GloVe) to word2vec binary with Lexica's writer, for word2vec's compute-accuracy, which reads only binary.
//   java -cp <lexica jar + lib> bench/ToWord2VecBinary.java IN OUT
import io.lexica.vectors.formats.VectorFiles;
import io.lexica.vectors.formats.VectorFormat;
import java.nio.file.Path;

public class ToWord2VecBinary {
  public static void main(String[] args) {
    VectorFiles.write(VectorFiles.read(Path.of(args[0])), Path.of(args[1]), VectorFormat.WORD2VEC_BINARY);
  }
}
