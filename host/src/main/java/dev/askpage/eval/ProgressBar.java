package dev.askpage.eval;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress on stderr: done/total, percent, rate and ETA. On a terminal one line is redrawn with {@code \r} (at most
 * ten times a second); otherwise (a log file, CI) a full line is printed every 5 %.
 */
public final class ProgressBar {
  private static final long REDRAW_NANOS = 100_000_000L;

  private final String label;
  private final long total;
  private final PrintWriter out;
  private final boolean terminal;
  private final LongSupplier nanoTime;
  private final long startNanos;
  private long done;
  private long lastDrawNanos = Long.MIN_VALUE;
  private int lastStep = 0;
  private boolean finished;

  /** A bar writing to {@code out}; {@code terminal} picks redrawn lines over one line per 5 %. */
  public ProgressBar(String label, long total, PrintWriter out, boolean terminal, LongSupplier nanoTime) {
    this.label = label;
    this.total = Math.max(0, total);
    this.out = out;
    this.terminal = terminal;
    this.nanoTime = nanoTime;
    this.startNanos = nanoTime.getAsLong();
  }

  /** A bar on {@code err}, redrawn in place when the process looks attached to a terminal. */
  public static ProgressBar on(PrintWriter err, String label, long total) {
    return new ProgressBar(label, total, err, terminalAttached(), System::nanoTime);
  }

  /** A bar on {@code System.err}. */
  public static ProgressBar onStderr(String label, long total) {
    return on(new PrintWriter(new OutputStreamWriter(System.err, Charset.defaultCharset()), true), label, total);
  }

  /** True when the JVM has a console (stdin and stdout are a terminal): the best guess Java 17 has for stderr. */
  static boolean terminalAttached() {
    return System.console() != null;
  }

  /** Records one more finished item. */
  public void step() {
    advance(1);
  }

  /** Records {@code n} more finished items. */
  public void advance(long n) {
    done = Math.min(total, done + n);
    long now = nanoTime.getAsLong();
    if (terminal) {
      if (done == total || lastDrawNanos == Long.MIN_VALUE || now - lastDrawNanos >= REDRAW_NANOS) {
        out.print("\r" + line(now));
        out.flush();
        lastDrawNanos = now;
      }
    } else {
      int step = total == 0 ? 20 : (int) (done * 20 / total);
      if (step > lastStep) {
        lastStep = step;
        out.println(line(now));
        out.flush();
      }
    }
  }

  /** Ends the bar: on a terminal, draws the last state and moves to a new line. */
  public void finish() {
    if (finished) {
      return;
    }
    finished = true;
    if (terminal) {
      out.println("\r" + line(nanoTime.getAsLong()));
      out.flush();
    }
  }

  /** The current line, e.g. {@code "eval 250/1000 25% 12.5/s ETA 1:00"}. */
  String line(long nowNanos) {
    double seconds = Math.max(0, nowNanos - startNanos) / 1e9;
    double rate = seconds > 0 ? done / seconds : 0;
    int percent = total == 0 ? 100 : (int) (done * 100 / total);
    String eta = rate > 0 ? formatDuration((long) Math.ceil((total - done) / rate)) : "?";
    return String.format(Locale.ROOT, "%s %d/%d %d%% %.1f/s ETA %s", label, done, total, percent, rate, eta);
  }

  /** Seconds as m:ss, or h:mm:ss from an hour up. */
  static String formatDuration(long seconds) {
    long h = seconds / 3600;
    long m = (seconds % 3600) / 60;
    long s = seconds % 60;
    return h > 0
        ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
        : String.format(Locale.ROOT, "%d:%02d", m, s);
  }
}
