package dev.askpage.window;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** How windows are grouped into ONNX Runtime calls: longest first, so each batch pads little. */
public final class WindowBatches {
  private WindowBatches() {}

  /**
   * The order the engine reads a plan in: the window holding the best-ranked passage alone first (its answers can be
   * sent early, and a lead window shorter than the others is not padded to their length), then the others longest
   * first in batches of at most {@code batchSize}. The same with and without progressive answers, so that both read
   * the same windows in the same calls.
   */
  public static List<List<Window>> readingOrder(WindowPlan plan, int batchSize) {
    List<Window> windows = plan.windows();
    if (windows.size() < 2) {
      return longestFirst(windows, batchSize);
    }
    Window best = windows.get(plan.bestWindow());
    List<List<Window>> out = new ArrayList<>();
    out.add(List.of(best));
    out.addAll(longestFirst(windows.stream().filter(w -> w != best).toList(), batchSize));
    return out;
  }

  /** The windows in batches of at most {@code batchSize}, longest windows first. */
  public static List<List<Window>> longestFirst(List<Window> windows, int batchSize) {
    List<Window> byLength = new ArrayList<>(windows);
    byLength.sort(Comparator.comparingInt(Window::length).reversed());
    List<List<Window>> out = new ArrayList<>();
    for (int from = 0; from < byLength.size(); from += batchSize) {
      out.add(List.copyOf(byLength.subList(from, Math.min(byLength.size(), from + batchSize))));
    }
    return out;
  }
}
