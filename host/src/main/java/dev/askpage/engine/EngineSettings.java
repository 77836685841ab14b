package dev.askpage.engine;

import dev.askpage.decode.DecodeOptions;

/**
 * Fixed settings of the engine.
 *
 * @param maxSequence positions per window: 384, BERT's SQuAD length. The first window holds only the best passage
 *     (read alone, for progressive answers), so the other three are 384 long: 4 windows so planned keep the page-level
 *     recall at 97.0 % for 7 % less inference than the 4 packed windows of 336 used before (97.2 %); with 336 the lead
 *     window would cost 0.6 points of recall (96.6 %). See BENCHMARKS.md
 * @param stride distance between strided windows of a long passage (128)
 * @param maxQuestionTokens questions are cut to this many tokens (64)
 * @param passageTokens a long paragraph is cut at sentence ends into passages of at most this many tokens
 * @param defaultWindows the window budget when a question does not say
 * @param batchSize windows per ONNX Runtime call; cancellation is checked between calls
 * @param maxAnswerTokens longest answer in tokens (30)
 * @param nullThreshold "no answer" margin for models that predict it (0)
 * @param defaultFloor the answer floor when a question does not say ({@link DecodeOptions#DEFAULT_FLOOR})
 */
public record EngineSettings(
    int maxSequence, int stride, int maxQuestionTokens, int passageTokens, int defaultWindows, int batchSize,
    int maxAnswerTokens, double nullThreshold, double defaultFloor) {
  /**
   * Default window budget. On SQuAD dev 1.1, whole articles as pages, the gold answer lies inside the 4 windows read
   * for 97.0 % of questions; see BENCHMARKS.md for the other budgets and the latency.
   */
  public static final int DEFAULT_WINDOWS = 4;

  public EngineSettings {
    DecodeOptions.checkFloor(defaultFloor);
  }

  /** Settings with the default floor. */
  public EngineSettings(int maxSequence, int stride, int maxQuestionTokens, int passageTokens, int defaultWindows,
      int batchSize, int maxAnswerTokens, double nullThreshold) {
    this(maxSequence, stride, maxQuestionTokens, passageTokens, defaultWindows, batchSize, maxAnswerTokens,
        nullThreshold, DecodeOptions.DEFAULT_FLOOR);
  }

  /** The defaults described in README.md and PROTOCOL.md. */
  public static EngineSettings defaults() {
    return new EngineSettings(384, 128, 64, 100, DEFAULT_WINDOWS, 4, 30, 0.0);
  }

  public EngineSettings withDefaultWindows(int windows) {
    return new EngineSettings(maxSequence, stride, maxQuestionTokens, passageTokens, windows, batchSize,
        maxAnswerTokens, nullThreshold, defaultFloor);
  }

  /** The same settings with windows of another shape (every other field, the floor too, is kept). */
  public EngineSettings withWindowShape(int maxSequence, int stride, int maxQuestionTokens) {
    return new EngineSettings(maxSequence, stride, maxQuestionTokens, passageTokens, defaultWindows, batchSize,
        maxAnswerTokens, nullThreshold, defaultFloor);
  }

  public EngineSettings withDefaultFloor(double floor) {
    return new EngineSettings(maxSequence, stride, maxQuestionTokens, passageTokens, defaultWindows, batchSize,
        maxAnswerTokens, nullThreshold, floor);
  }
}
