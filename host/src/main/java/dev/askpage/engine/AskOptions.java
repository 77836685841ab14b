package dev.askpage.engine;

/**
 * Per-question options.
 *
 * @param top how many answers
 * @param maxWindows the window budget
 */
public record AskOptions(int top, int maxWindows) {
  public AskOptions {
    if (top < 1 || maxWindows < 1) {
      throw new IllegalArgumentException("top and maxWindows must be at least 1");
    }
  }
}
