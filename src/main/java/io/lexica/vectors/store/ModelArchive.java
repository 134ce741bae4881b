package io.lexica.vectors.store;

import io.lexica.LexicaException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A model folder as one byte stream, to send it where a folder cannot go (the OpenSearch plugin
 * keeps models in the cluster): a zip of the folder's files, in name order, stored without
 * compression: vectors hardly compress (deflate at its fastest made an enwiki-17m model's archive 7
 * % smaller, and packing took 4.1 s instead of 0.3 s). The model's identity is the SHA-256 of this
 * stream: {@code lexica publish} computes it, the cluster checks it when the upload is committed
 * and every node again when it copies the model.
 *
 * <p>A model folder is flat (Lucene's files, {@code phrases.txt}, {@code subwords.bin}); {@link
 * #extract} accepts only such entries, so an archive cannot write outside its folder. Lucene's
 * {@code write.lock} is never packed: it belongs to a writer, not to the model. Stateless.
 */
public final class ModelArchive {
  /** What a file name in an archive may be: no separators, no leading dot. */
  private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}");

  private static final String WRITE_LOCK = "write.lock";

  private ModelArchive() {}

  /**
   * Writes the files of the model folder {@code dir} to {@code out} and answers the SHA-256 (hex)
   * of the bytes written.
   *
   * @param dir the model folder
   * @param out the stream written to; not closed
   * @return the checksum of the archive
   * @throws LexicaException when {@code dir} is not a flat folder of files
   * @throws java.io.IOException when a file cannot be read or {@code out} fails
   */
  public static String write(Path dir, OutputStream out) throws IOException {
    List<Path> files = files(dir);
    MessageDigest digest = sha256();
    ZipOutputStream zip = new ZipOutputStream(new DigestOutputStream(out, digest));
    for (Path f : files) {
      ZipEntry entry = new ZipEntry(f.getFileName().toString());
      entry.setTime(0); // the same folder gives the same bytes, hence the same checksum
      entry.setMethod(ZipEntry.STORED);
      entry.setSize(Files.size(f));
      entry.setCrc(crc(f));
      zip.putNextEntry(entry);
      Files.copy(f, zip);
      zip.closeEntry();
    }
    zip.finish();
    zip.flush();
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The CRC-32 a stored entry announces before its bytes. */
  private static long crc(Path file) throws IOException {
    CRC32 crc = new CRC32();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        crc.update(buffer, 0, n);
      }
    }
    return crc.getValue();
  }

  /** The files a model folder's archive holds, in name order. */
  private static List<Path> files(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new LexicaException(
          dir + " is not a folder", "give the folder of a model written by `lexica train`");
    }
    try (Stream<Path> list = Files.list(dir)) {
      List<Path> files =
          list.filter(p -> !p.getFileName().toString().equals(WRITE_LOCK)).sorted().toList();
      for (Path f : files) {
        if (!Files.isRegularFile(f) || !FILE_NAME.matcher(f.getFileName().toString()).matches()) {
          throw new LexicaException(
              dir + " holds " + f.getFileName() + ", which is not part of a model",
              "give the folder of a model written by `lexica train`, as it wrote it");
        }
      }
      return files;
    }
  }

  /**
   * Unpacks an archive read from {@code in} into the new folder {@code dir} and answers the SHA-256
   * (hex) of the bytes read. The caller compares it with the checksum it expects before using the
   * folder.
   *
   * @param in the archive; read to its end, not closed
   * @param dir the folder to create
   * @return the checksum of the bytes read
   * @throws java.util.zip.ZipException when the stream is not an archive of a model folder
   * @throws IOException when {@code dir} exists or cannot be written
   */
  public static String extract(InputStream in, Path dir) throws IOException {
    MessageDigest digest = sha256();
    Files.createDirectory(dir);
    DigestInputStream counted = new DigestInputStream(in, digest);
    Set<String> seen = new HashSet<>();
    try (ZipInputStream zip = new ZipInputStream(counted)) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        String name = e.getName();
        if (e.isDirectory() || !FILE_NAME.matcher(name).matches() || !seen.add(name)) {
          throw new ZipException("not a model archive: it holds the entry [" + name + "]");
        }
        Files.copy(zip, dir.resolve(name));
      }
      counted.transferTo(OutputStream.nullOutputStream()); // the central directory counts too
    }
    if (seen.isEmpty()) {
      throw new ZipException("not a model archive: it holds no file");
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * A new SHA-256 digest.
   *
   * @return the digest
   */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JVM has SHA-256", e);
    }
  }
}
