package dev.askpage.engine;

/** Asked between batches whether the question is still wanted. */
@FunctionalInterface
public interface Cancellation {
  /** Never cancelled. */
  Cancellation NEVER = () -> false;

  boolean isCancelled();

  /**
   * Whether the cancelling side may also end the model call under way ({@code QaModel.endInterruptibleRun}) instead of
   * waiting for it: the warm-up's, not a user's question (whose cancel only stops it between batches).
   */
  default boolean endsModelCalls() {
    return false;
  }
}
