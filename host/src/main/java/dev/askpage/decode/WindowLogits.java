package dev.askpage.decode;

/**
 * What the decoder needs to know about one window: its logits and, for each position, where it points in the page.
 *
 * <p>Positions outside the context (question, specials, padding) have {@code charStart == -1}. {@code segment}
 * separates passages packed into one window, so that no answer straddles two passages. {@code maxContext} is true where
 * this window gives the token the most context of all windows that hold it (BERT's max-context rule).
 *
 * @param startLogits start logit per position
 * @param endLogits end logit per position
 * @param charStart page offset (UTF-16) where the token at a position starts, or -1 outside the context
 * @param charEnd page offset where the token ends
 * @param segment passage id per position (only read where {@code charStart >= 0})
 * @param maxContext whether this window is the token's max-context window
 * @param nullIndex the position of {@code [CLS]}, whose start+end logits are the "no answer" score
 */
public record WindowLogits(
    float[] startLogits,
    float[] endLogits,
    int[] charStart,
    int[] charEnd,
    int[] segment,
    boolean[] maxContext,
    int nullIndex) {

  /** Number of positions. */
  public int length() {
    return charStart.length;
  }

  /**
   * The first position whose logits the decoder reads (context positions, and {@code [CLS]} when the model predicts
   * "no answer") where a start or end logit is NaN or infinite, or -1 when all are finite. Such a logit would make
   * scores and probabilities that are no numbers; other positions are never read.
   */
  public int firstNonFiniteRead(boolean readsNoAnswer) {
    if (readsNoAnswer && !finiteAt(nullIndex)) {
      return nullIndex;
    }
    for (int i = 0; i < length(); i++) {
      if (isContext(i) && !finiteAt(i)) {
        return i;
      }
    }
    return -1;
  }

  private boolean finiteAt(int position) {
    return Float.isFinite(startLogits[position]) && Float.isFinite(endLogits[position]);
  }

  boolean isContext(int position) {
    return position < charStart.length && charStart[position] >= 0;
  }
}
