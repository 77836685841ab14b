package dev.askpage.window;

import java.util.List;

/**
 * The windows chosen for one question, and which passages they read.
 *
 * @param windows in the order they should run (best-ranked first)
 * @param passagesRead indices of passages that are (at least partly) inside a window
 */
public record WindowPlan(List<Window> windows, List<Integer> passagesRead) {
  public WindowPlan {
    windows = List.copyOf(windows);
    passagesRead = List.copyOf(passagesRead);
  }
}
