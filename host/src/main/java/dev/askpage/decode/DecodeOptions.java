package dev.askpage.decode;

/**
 * Rules of span decoding.
 *
 * @param nBest how many start and end positions per window are considered (20, as in BERT's SQuAD code)
 * @param maxAnswerTokens longest answer in tokens (30)
 * @param top how many answers are returned (5)
 * @param predictsNoAnswer whether the model was trained to point at {@code [CLS]} for "no answer"
 * @param nullThreshold no answer when {@code nullScore - bestScore > nullThreshold} (0)
 */
public record DecodeOptions(int nBest, int maxAnswerTokens, int top, boolean predictsNoAnswer, double nullThreshold) {
  public static final int DEFAULT_TOP = 5;
  public static final int DEFAULT_N_BEST = 20;

  public DecodeOptions {
    if (nBest < 1 || maxAnswerTokens < 1 || top < 1) {
      throw new IllegalArgumentException("nBest, maxAnswerTokens and top must be at least 1");
    }
  }

  /** BERT's SQuAD defaults. */
  public static DecodeOptions defaults() {
    return new DecodeOptions(DEFAULT_N_BEST, 30, DEFAULT_TOP, false, 0.0);
  }

  public DecodeOptions withTop(int newTop) {
    return new DecodeOptions(nBest, maxAnswerTokens, newTop, predictsNoAnswer, nullThreshold);
  }

  public DecodeOptions withNoAnswer(boolean predicts) {
    return new DecodeOptions(nBest, maxAnswerTokens, top, predicts, nullThreshold);
  }

  public DecodeOptions withMaxAnswerTokens(int tokens) {
    return new DecodeOptions(nBest, tokens, top, predictsNoAnswer, nullThreshold);
  }

  public DecodeOptions withNullThreshold(double threshold) {
    return new DecodeOptions(nBest, maxAnswerTokens, top, predictsNoAnswer, threshold);
  }
}
