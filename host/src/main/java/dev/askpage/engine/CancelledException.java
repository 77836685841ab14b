package dev.askpage.engine;

/** The question was cancelled before all its windows ran. */
public final class CancelledException extends Exception {
  public CancelledException() {
    super("cancelled");
  }
}
