package dev.askpage.window;

import dev.askpage.decode.WindowLogits;
import java.util.Arrays;

/**
 * One model input: {@code [CLS] question [SEP] context [SEP]}, with where each context token comes from.
 *
 * @param inputIds token ids of the whole window, unpadded
 * @param contextStart position of the first context token
 * @param pageTokens page token index of each context position
 * @param segments passage index of each context position
 * @param maxContext whether this window is each context token's max-context window
 */
public record Window(int[] inputIds, int contextStart, int[] pageTokens, int[] segments, boolean[] maxContext) {

  /** Number of positions. */
  public int length() {
    return inputIds.length;
  }

  /** Token type (segment) id of a position: 0 for {@code [CLS]} question {@code [SEP]}, 1 after. */
  public int typeId(int position) {
    return position < contextStart ? 0 : 1;
  }

  /** Pairs this window's layout with the logits the model produced for it. */
  public WindowLogits withLogits(float[] start, float[] end, int[] tokenStarts, int[] tokenEnds) {
    int n = length();
    int[] cs = new int[n];
    int[] ce = new int[n];
    int[] seg = new int[n];
    boolean[] max = new boolean[n];
    Arrays.fill(cs, -1);
    Arrays.fill(ce, -1);
    for (int i = 0; i < pageTokens.length; i++) {
      int p = contextStart + i;
      cs[p] = tokenStarts[pageTokens[i]];
      ce[p] = tokenEnds[pageTokens[i]];
      seg[p] = segments[i];
      max[p] = maxContext[i];
    }
    return new WindowLogits(Arrays.copyOf(start, n), Arrays.copyOf(end, n), cs, ce, seg, max, 0);
  }
}
