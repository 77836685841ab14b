package dev.askpage.eval;

/** Answers one question about one context; the empty string means "no answer" (SQuAD 2.0). */
@FunctionalInterface
public interface Predictor extends AutoCloseable {
  /** The answer text for a question about the context (a paragraph, or a whole article in page mode). */
  String predict(String context, String question) throws EvalException;

  /** Releases the engine behind this predictor; nothing by default. */
  @Override
  default void close() throws EvalException {}
}
