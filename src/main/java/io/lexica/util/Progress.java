package io.lexica.util;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Progress of a long task (rate, percentage, ETA) drawn on one terminal line of standard error. It
 * draws only when standard error is an interactive terminal and neither {@code CI} nor {@code
 * LEXICA_QUIET} is set, so scripts and CI logs stay clean. Thread-safe: workers call {@link
 * #add(long)} concurrently; a daemon thread redraws twice a second.
 */
public final class Progress implements AutoCloseable {
  private static final long REDRAW_MILLIS = 500;

  private final String task;
  private final String unit;
  private final long total;
  private final AtomicLong done = new AtomicLong();
  private final long startNanos = System.nanoTime();
  private final PrintStream out;
  private final Thread painter;
  private volatile Supplier<String> status = () -> "";
  private volatile boolean closed;

  private Progress(String task, long total, String unit, PrintStream out) {
    this.task = task;
    this.total = total;
    this.unit = unit;
    this.out = out;
    if (out == null) {
      painter = null;
    } else {
      painter = new Thread(this::paintLoop, "lexica-progress");
      painter.setDaemon(true);
      painter.start();
    }
  }

  /**
   * Starts a progress display.
   *
   * @param task what is being done, e.g. "training"
   * @param total the amount of work in {@code unit}s, or 0 when unknown (no percentage, no ETA)
   * @param unit what is counted, e.g. "tokens"
   */
  public static Progress start(String task, long total, String unit) {
    return new Progress(task, total, unit, interactive() ? System.err : null);
  }

  /** A progress that never draws, for library callers and tests. */
  public static Progress silent(String task, long total, String unit) {
    return new Progress(task, total, unit, null);
  }

  /** True when progress should be drawn: an interactive terminal, not CI, not silenced. */
  public static boolean interactive() {
    return System.console() != null
        && System.getenv("CI") == null
        && System.getenv("LEXICA_QUIET") == null;
  }

  /** Adds finished work. */
  public void add(long amount) {
    done.addAndGet(amount);
  }

  /** Sets the finished work. */
  public void set(long amount) {
    done.set(amount);
  }

  public long done() {
    return done.get();
  }

  /** Extra text shown after the rate, e.g. learning rate and loss; evaluated at each redraw. */
  public void status(Supplier<String> status) {
    this.status = status;
  }

  /** Seconds since start. */
  public double elapsedSeconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** The line as drawn now; visible for tests. */
  public String line() {
    double secs = Math.max(1e-9, elapsedSeconds());
    long n = done.get();
    double rate = n / secs;
    StringBuilder sb = new StringBuilder(task).append(": ");
    if (total > 0) {
      sb.append(String.format(Locale.ROOT, "%5.1f%% ", 100.0 * n / total));
    }
    sb.append(human(n)).append(' ').append(unit);
    sb.append(String.format(Locale.ROOT, ", %s %s/s", human((long) rate), unit));
    if (total > 0 && n > 0 && n < total) {
      sb.append(", ETA ").append(duration((total - n) / rate));
    }
    String extra = status.get();
    if (extra != null && !extra.isEmpty()) {
      sb.append(", ").append(extra);
    }
    return sb.toString();
  }

  private void paintLoop() {
    while (!closed) {
      try {
        Thread.sleep(REDRAW_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
      if (!closed) {
        draw();
      }
    }
  }

  private synchronized void draw() {
    out.print("\r\033[K" + line());
    out.flush();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (painter != null) {
      painter.interrupt();
      synchronized (this) {
        out.print(
            "\r\033[K"
                + line()
                + String.format(Locale.ROOT, " in %s%n", duration(elapsedSeconds())));
        out.flush();
      }
    }
  }

  static String human(long n) {
    if (n < 10_000) {
      return Long.toString(n);
    }
    if (n < 10_000_000) {
      return String.format(Locale.ROOT, "%.1fk", n / 1e3);
    }
    if (n < 10_000_000_000L) {
      return String.format(Locale.ROOT, "%.1fM", n / 1e6);
    }
    return String.format(Locale.ROOT, "%.1fG", n / 1e9);
  }

  static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
  }
}
