package io.lexica.util;

import io.lexica.LexicaException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * What an output is (a file, or a folder holding one kind of Lexica output) and so what it may
 * replace: a path that does not exist or an empty folder; the same kind of output (a file where a
 * file is written; a model where a model is written, recognised by its Lucene commit data); or,
 * with {@link OutputPolicy#overwrite()}, anything but the places no command should ever delete (a
 * filesystem root, the home folder, the working folder or a folder holding it). An output that is,
 * contains or lies inside an input is refused in every case.
 *
 * <p>{@link #check} runs before any long work starts (the CLI calls it first thing), and {@link
 * AtomicOutput} runs it again when it opens and when it commits, so the library's writers refuse
 * the same things for Java callers. Immutable; thread-safe.
 */
public final class OutputKind {
  /** A single file: replaces an existing file (the usual meaning of writing a file). */
  public static final OutputKind FILE = new OutputKind("a file", false, null);

  /** Entries of a foreign folder read to describe it. */
  private static final int MAX_LISTED = 1000;

  private final String description;
  private final boolean directory;
  private final Predicate<Map<String, String>> recognises;

  private OutputKind(
      String description, boolean directory, Predicate<Map<String, String>> recognises) {
    this.description = description;
    this.directory = directory;
    this.recognises = recognises;
  }

  /**
   * A folder holding a Lucene index that Lexica wrote, recognised by the user data of its latest
   * commit.
   *
   * @param description what it is, for messages, e.g. "a Lexica model"
   * @param recognises whether a commit's user data is that of this kind of output
   * @return the kind; it replaces only a folder whose latest commit {@code recognises}
   */
  public static OutputKind luceneIndex(
      String description, Predicate<Map<String, String>> recognises) {
    return new OutputKind(description, true, recognises);
  }

  /**
   * Whether the output is a folder.
   *
   * @return true for a folder (an index, a model), false for a single file
   */
  public boolean isDirectory() {
    return directory;
  }

  /**
   * What the output is, for messages ("a Lexica model").
   *
   * @return the description given when the kind was made
   */
  public String description() {
    return description;
  }

  /**
   * Throws a {@link LexicaException} naming the problem and the fix unless this kind of output may
   * be written at {@code target} under {@code policy}.
   *
   * @param target where the output would go
   * @param policy whether to overwrite, and the inputs never replaced
   * @throws io.lexica.LexicaException when {@code target} holds something else, or is an input
   */
  public void check(Path target, OutputPolicy policy) {
    checkNotInput(target, policy);
    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (policy.overwrite()) {
      refuseEssential(target, resolved(target));
      return;
    }
    if (mayReplace(target)) {
      return;
    }
    throw new LexicaException(
        target + " exists and is " + describe(target) + ", not " + description,
        "choose a path that does not exist yet, or add --overwrite to replace what is there (it"
            + " is deleted)");
  }

  /**
   * Throws a {@link LexicaException} when {@code target} is, contains or lies inside one of the
   * policy's inputs; for outputs such as a folder of run files that replace nothing themselves.
   *
   * @param target where the output would go
   * @param policy the inputs that must not be replaced
   * @throws io.lexica.LexicaException when {@code target} overlaps an input
   */
  public static void checkNotInput(Path target, OutputPolicy policy) {
    Path out = resolved(target);
    for (Path input : policy.inputs()) {
      Path in = resolved(input);
      String relation =
          out.equals(in)
              ? "is"
              : out.startsWith(in) ? "lies inside" : in.startsWith(out) ? "contains" : null;
      if (relation != null) {
        throw new LexicaException(
            "the output " + target + " " + relation + " the input " + input,
            "write the output somewhere else: inputs are only read, never replaced (not even"
                + " with --overwrite)");
      }
    }
  }

  /** Whether an existing {@code target} may be replaced without {@code --overwrite}. */
  private boolean mayReplace(Path target) {
    return isEmptyDirectory(target) || recognises(target);
  }

  /**
   * Whether {@code p} holds this kind of output (a file, for {@link #FILE}).
   *
   * @param p any path; need not exist
   * @return true when {@code p} exists and holds this kind of output
   */
  public boolean recognises(Path p) {
    if (!directory) {
      return Files.isRegularFile(p);
    }
    Map<String, String> commit = Files.isDirectory(p) ? commitData(p) : null;
    return commit != null && recognises.test(commit);
  }

  private static boolean isEmptyDirectory(Path p) {
    if (!Files.isDirectory(p)) {
      return false;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(p)) {
      return !entries.iterator().hasNext();
    } catch (IOException e) {
      return false;
    }
  }

  /** The root, the home folder and the working folder with its parents are never replaced. */
  private static void refuseEssential(Path target, Path out) {
    Path home = resolved(Path.of(System.getProperty("user.home")));
    Path cwd = resolved(Path.of(""));
    String what =
        out.getParent() == null
            ? "a filesystem root"
            : out.equals(home)
                ? "the home folder"
                : cwd.startsWith(out) ? "the working folder or holds it" : null;
    if (what != null) {
      throw new LexicaException(
          "refusing to replace " + target + ": it is " + what,
          "name a new path for the output, e.g. a folder below this one");
    }
  }

  /**
   * What is at {@code p}, in a few words, e.g. "a folder holding notes.txt, sub/".
   *
   * @param p any path
   * @return a short description for an error message: absent, an empty folder, a file of so many
   *     bytes, or a folder with its first entries
   */
  public static String describe(Path p) {
    if (Files.isRegularFile(p)) {
      try {
        return "a file of " + Files.size(p) + " bytes";
      } catch (IOException e) {
        return "a file";
      }
    }
    if (!Files.isDirectory(p)) {
      return "neither a file nor a folder";
    }
    Map<String, String> commit = commitData(p);
    if (commit != null) {
      return commit.keySet().stream().anyMatch(k -> k.startsWith("lexica."))
          ? "a Lucene index Lexica made"
          : "a Lucene index Lexica did not make";
    }
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(p)) {
      for (Path e : entries) {
        names.add(e.getFileName() + (Files.isDirectory(e) ? "/" : ""));
        if (names.size() == MAX_LISTED) {
          break; // a huge folder is not listed whole for a message
        }
      }
    } catch (IOException e) {
      return "a folder";
    }
    java.util.Collections.sort(names);
    int shown = Math.min(3, names.size());
    int more = names.size() - shown;
    return "a folder holding "
        + String.join(", ", names.subList(0, shown))
        + (more > 0 ? " and " + more + (names.size() == MAX_LISTED ? " or more" : " more") : "");
  }

  /** The user data of the latest commit of the Lucene index at {@code dir}, or null if none. */
  private static Map<String, String> commitData(Path dir) {
    try (Directory d = FSDirectory.open(dir)) {
      return SegmentInfos.readLatestCommit(d).getUserData();
    } catch (IOException | RuntimeException e) {
      return null; // not an index, or not one this Lucene reads: not ours either way
    }
  }

  /**
   * The absolute path with symbolic links resolved as far as it exists, so that two names of one
   * place compare equal and a missing output is still placed correctly under its parents.
   */
  static Path resolved(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    Path existing = abs;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return abs;
    }
    try {
      return existing.toRealPath().resolve(existing.relativize(abs));
    } catch (IOException e) {
      return abs;
    }
  }

  @Override
  public String toString() {
    return description;
  }
}
