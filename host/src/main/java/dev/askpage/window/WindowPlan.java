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

  /**
   * The window holding the best-ranked passage (the first passage read): the one to read first when answers are
   * wanted early. 0 for a plan without passages.
   */
  public int bestWindow() {
    if (passagesRead.isEmpty()) {
      return 0;
    }
    int best = passagesRead.get(0);
    for (int w = 0; w < windows.size(); w++) {
      for (int segment : windows.get(w).segments()) {
        if (segment == best) {
          return w;
        }
      }
    }
    return 0;
  }
}
