package dev.askpage.engine;

/**
 * Receives the answers of the best-ranked window, read alone before the rest of the budget, so that they can be shown
 * while the other windows are read. Called at most once per question, on the thread that runs it.
 */
@FunctionalInterface
public interface PartialAnswers {
  void accept(Result bestWindow);
}
