package dev.askpage.window;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** How windows are grouped into ONNX Runtime calls: longest first, so each batch pads little. */
public final class WindowBatches {
  private WindowBatches() {}

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
