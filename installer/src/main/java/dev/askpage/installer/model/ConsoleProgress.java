package dev.askpage.installer.model;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line progress bar on stderr: file, bar, percent, MB done of total, rate. Redrawn at most 10 times a second. */
public final class ConsoleProgress implements ProgressListener {
  private static final int WIDTH = 24;
  private final PrintStream out;
  private long lastDraw;

  /** A progress bar drawn on {@code out}. */
  public ConsoleProgress(PrintStream out) {
    this.out = out;
  }

  @Override
  public void progress(String file, long done, long total, double bytesPerSecond) {
    long now = System.nanoTime();
    if (now - lastDraw < 100_000_000L && (total < 0 || done < total)) {
      return;
    }
    lastDraw = now;
    out.print("\r" + line(file, done, total, bytesPerSecond));
    out.flush();
  }

  @Override
  public void finished(String file, long total) {
    out.println("\r" + line(file, total, total, 0) + "  done");
  }

  /** The text of one redraw. */
  static String line(String file, long done, long total, double bytesPerSecond) {
    String rate = bytesPerSecond > 0 ? String.format(Locale.ROOT, "  %.1f MB/s", bytesPerSecond / 1e6) : "";
    if (total <= 0) {
      return String.format(Locale.ROOT, "%-12s %8.1f MB%s", file, done / 1e6, rate);
    }
    int percent = (int) Math.min(100, done * 100 / total);
    int filled = percent * WIDTH / 100;
    return String.format(Locale.ROOT, "%-12s [%s%s] %3d%%  %.1f/%.1f MB%s", file, "#".repeat(filled),
        " ".repeat(WIDTH - filled), percent, done / 1e6, total / 1e6, rate);
  }
}
