package dev.askpage.installer.model;

/** Told how a download goes. */
public interface ProgressListener {
  /** {@code done} of {@code total} bytes (-1 when unknown) of {@code file} are on disk, at {@code bytesPerSecond}. */
  void progress(String file, long done, long total, double bytesPerSecond);

  /** {@code file} is complete. */
  default void finished(String file, long total) {}

  /** A listener that ignores everything. */
  static ProgressListener none() {
    return (file, done, total, rate) -> {};
  }
}
