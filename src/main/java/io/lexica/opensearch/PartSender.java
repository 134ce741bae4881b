package io.lexica.opensearch;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A model archive's bytes as they are written, cut into parts of {@value #PART_BYTES} bytes, each
 * stored in the models index as soon as it is full ({@link ModelIndex#putPart}); {@link #finish}
 * stores the last. What a training in the cluster ({@link TrainModelAction}) packs its model into,
 * with no archive file and no read-back: the lengths and SHA-256 digests of the parts sent are kept
 * for {@link ModelIndex#checkParts} and the commit. Checks the task before each part, so a
 * cancellation stops the storing between two parts. Not thread-safe (one writer).
 */
final class PartSender extends OutputStream {
  /** Bytes of one part of the archive as it is stored. */
  static final int PART_BYTES = 8 << 20;

  private final ModelIndex modelIndex;
  private final String name;
  private final String upload;
  private final TrainTask task;
  private final List<String> sha256s = new ArrayList<>();
  private final List<Integer> lengths = new ArrayList<>();
  private final byte[] buffer = new byte[PART_BYTES];
  private int filled;
  private long bytes;

  /**
   * @param modelIndex the models index the parts go to
   * @param name the model's name
   * @param upload the upload the parts belong to
   * @param task checked before each part
   */
  PartSender(ModelIndex modelIndex, String name, String upload, TrainTask task) {
    this.modelIndex = modelIndex;
    this.name = name;
    this.upload = upload;
    this.task = task;
  }

  @Override
  public void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) {
    while (len > 0) {
      int n = Math.min(len, buffer.length - filled);
      System.arraycopy(b, off, buffer, filled, n);
      filled += n;
      off += n;
      len -= n;
      if (filled == buffer.length) {
        send();
      }
    }
  }

  /** Stores what is left as the last part. */
  void finish() {
    if (filled > 0) {
      send();
    }
  }

  private void send() {
    task.ensureNotCancelled();
    byte[] part = filled == buffer.length ? buffer : Arrays.copyOf(buffer, filled);
    sha256s.add(modelIndex.putPart(name, upload, sha256s.size(), part));
    lengths.add(filled);
    bytes += filled;
    filled = 0;
  }

  /** The upload the parts belong to. */
  String upload() {
    return upload;
  }

  /** The SHA-256 of each part stored, in order. */
  List<String> sha256s() {
    return List.copyOf(sha256s);
  }

  /** The length of each part stored, in order. */
  long[] sizes() {
    return lengths.stream().mapToLong(Integer::longValue).toArray();
  }

  /** The bytes stored in all parts. */
  long bytes() {
    return bytes;
  }
}
