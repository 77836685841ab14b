package dev.askpage.engine;

import dev.askpage.decode.DecodeOptions;

/**
 * Per-question options.
 *
 * @param top how many answers
 * @param maxWindows the window budget
 * @param floor answers less likely than {@code floor} times the best one are left out (0..1; the best always stays)
 */
public record AskOptions(int top, int maxWindows, double floor) {
  public AskOptions {
    if (top < 1 || maxWindows < 1) {
      throw new IllegalArgumentException("top and maxWindows must be at least 1");
    }
    DecodeOptions.checkFloor(floor);
  }

  /** Options with the default floor ({@link DecodeOptions#DEFAULT_FLOOR}). */
  public AskOptions(int top, int maxWindows) {
    this(top, maxWindows, DecodeOptions.DEFAULT_FLOOR);
  }
}
