package dev.askpage.engine;

/** Asked between batches whether the question is still wanted. */
@FunctionalInterface
public interface Cancellation {
  /** Never cancelled. */
  Cancellation NEVER = () -> false;

  boolean isCancelled();
}
