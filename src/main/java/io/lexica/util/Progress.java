package io.lexica.util;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Progress of a long task (rate, percentage, ETA) drawn on one terminal line of standard error. It
 * draws only when standard error is an interactive terminal ({@link Terminal}; neither {@code CI}
 * nor {@code LEXICA_QUIET} set), so scripts, logs and CI stay clean, and each line is cut to the
 * terminal's width, because a line that wraps cannot be redrawn in place: the status extras go
 * first, then the rate, then the end of the line. Thread-safe: workers call {@link #add(long)}
 * concurrently; a daemon thread redraws twice a second.
 */
public final class Progress implements AutoCloseable {
  private static final long REDRAW_MILLIS = 500;

  private final String task;
  private final String unit;
  private final long total;
  private final AtomicLong done = new AtomicLong();
  private final long startNanos = System.nanoTime();
  private final PrintStream out;
  private final int columns;
  private final Thread painter;
  private volatile Supplier<String> status = () -> "";
  private volatile boolean closed;

  private Progress(String task, long total, String unit, PrintStream out, int columns) {
    this.task = task;
    this.total = total;
    this.unit = unit;
    this.out = out;
    this.columns = columns;
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
   * @return a display that draws on standard error when it is a terminal, silently counts otherwise
   */
  public static Progress start(String task, long total, String unit) {
    int columns = Terminal.standardErrorColumns();
    return new Progress(task, total, unit, columns > 0 ? System.err : null, columns);
  }

  /**
   * A progress that never draws, for library callers and tests.
   *
   * @param task what is being done
   * @param total the amount of work, or 0 when unknown
   * @param unit what is counted
   * @return a progress that counts but never prints
   */
  public static Progress silent(String task, long total, String unit) {
    return new Progress(task, total, unit, null, 0);
  }

  /**
   * True when progress is drawn: standard error is a terminal, not CI, not silenced.
   *
   * @return whether {@link #start} would draw
   */
  public static boolean interactive() {
    return Terminal.standardErrorColumns() > 0;
  }

  /**
   * Adds finished work.
   *
   * @param amount work finished since the last call, in units; thread-safe
   */
  public void add(long amount) {
    done.addAndGet(amount);
  }

  /**
   * Sets the finished work.
   *
   * @param amount the total finished so far, in units; thread-safe
   */
  public void set(long amount) {
    done.set(amount);
  }

  /**
   * The work finished so far.
   *
   * @return the amount, in units
   */
  public long done() {
    return done.get();
  }

  /**
   * Extra text shown after the rate, e.g. learning rate and loss; evaluated at each redraw.
   *
   * @param status computes the extra text; called from the drawing thread, so it must be
   *     thread-safe
   */
  public void status(Supplier<String> status) {
    this.status = status;
  }

  /**
   * Seconds since start.
   *
   * @return wall-clock seconds since the progress was created
   */
  public double elapsedSeconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /**
   * The whole line as it stands now, however long; visible for tests.
   *
   * @return the task, amount, percentage, rate, ETA and status as one line
   */
  public String line() {
    return line(Integer.MAX_VALUE);
  }

  /**
   * The line as it stands now, at most {@code width} characters: the status extras are dropped
   * first (the last ones first), then the rate, and what is still too long is cut.
   */
  String line(int width) {
    return line(width, "");
  }

  private String line(int width, String suffix) {
    double secs = Math.max(1e-9, elapsedSeconds());
    long n = done.get();
    double rate = n / secs;
    StringBuilder head = new StringBuilder(task).append(": ");
    if (total > 0) {
      head.append(String.format(Locale.ROOT, "%5.1f%% ", 100.0 * n / total));
    }
    head.append(human(n)).append(' ').append(unit);
    String eta = total > 0 && n > 0 && n < total ? ", ETA " + duration((total - n) / rate) : "";
    String speed = String.format(Locale.ROOT, ", %s %s/s", human((long) rate), unit);
    String extra = status.get();
    int room = width - head.length() - eta.length() - suffix.length();
    StringBuilder extras = new StringBuilder();
    if (speed.length() <= room) {
      head.append(speed);
      room -= speed.length();
      // Each extra only with all those before it, so that what is shown reads in order.
      for (String part : extra == null || extra.isEmpty() ? new String[0] : extra.split(", ")) {
        if (extras.length() + 2 + part.length() > room) {
          break;
        }
        extras.append(", ").append(part);
      }
    }
    String full = head.append(eta).append(extras).append(suffix).toString();
    return full.length() <= width ? full : full.substring(0, Math.max(0, width));
  }

  /** The width a line may take: one column short, so that the cursor never wraps. */
  private int width() {
    return Math.max(1, columns - 1);
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
    out.print("\r\033[K" + line(width()));
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
                + line(width(), " in " + duration(elapsedSeconds()))
                + System.lineSeparator());
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
