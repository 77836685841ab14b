package dev.askpage.decode;

/**
 * Rules of span decoding.
 *
 * @param nBest how many start and end positions per window are considered (20, as in BERT's SQuAD code)
 * @param maxAnswerTokens longest answer in tokens (30)
 * @param top how many answers are returned (5)
 * @param predictsNoAnswer whether the model was trained to point at {@code [CLS]} for "no answer"
 * @param nullThreshold no answer when {@code nullScore - bestScore > nullThreshold} (0)
 * @param floor answers whose probability is below {@code floor} times the best answer's are not returned (0.1)
 */
public record DecodeOptions(
    int nBest, int maxAnswerTokens, int top, boolean predictsNoAnswer, double nullThreshold, double floor) {
  public static final int DEFAULT_TOP = 5;
  public static final int DEFAULT_N_BEST = 20;
  /** An answer a tenth as likely as the best one is noise to a reader (issue 10: "Home 0 %" after a 100 % answer). */
  public static final double DEFAULT_FLOOR = 0.1;

  public DecodeOptions {
    if (nBest < 1 || maxAnswerTokens < 1 || top < 1) {
      throw new IllegalArgumentException("nBest, maxAnswerTokens and top must be at least 1");
    }
    checkFloor(floor);
  }

  /** Options with the default floor. */
  public DecodeOptions(int nBest, int maxAnswerTokens, int top, boolean predictsNoAnswer, double nullThreshold) {
    this(nBest, maxAnswerTokens, top, predictsNoAnswer, nullThreshold, DEFAULT_FLOOR);
  }

  /** BERT's SQuAD defaults, with the default floor. */
  public static DecodeOptions defaults() {
    return new DecodeOptions(DEFAULT_N_BEST, 30, DEFAULT_TOP, false, 0.0, DEFAULT_FLOOR);
  }

  /** True when {@code 0 <= floor <= 1} (NaN is not). */
  public static boolean isValidFloor(double floor) {
    return floor >= 0 && floor <= 1;
  }

  /** @throws IllegalArgumentException unless {@link #isValidFloor} */
  public static double checkFloor(double floor) {
    if (!isValidFloor(floor)) {
      throw new IllegalArgumentException("floor must be from 0 to 1");
    }
    return floor;
  }

  public DecodeOptions withTop(int newTop) {
    return new DecodeOptions(nBest, maxAnswerTokens, newTop, predictsNoAnswer, nullThreshold, floor);
  }

  public DecodeOptions withNoAnswer(boolean predicts) {
    return new DecodeOptions(nBest, maxAnswerTokens, top, predicts, nullThreshold, floor);
  }

  public DecodeOptions withMaxAnswerTokens(int tokens) {
    return new DecodeOptions(nBest, tokens, top, predictsNoAnswer, nullThreshold, floor);
  }

  public DecodeOptions withNullThreshold(double threshold) {
    return new DecodeOptions(nBest, maxAnswerTokens, top, predictsNoAnswer, threshold, floor);
  }

  public DecodeOptions withFloor(double newFloor) {
    return new DecodeOptions(nBest, maxAnswerTokens, top, predictsNoAnswer, nullThreshold, newFloor);
  }
}
