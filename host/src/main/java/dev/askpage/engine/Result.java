package dev.askpage.engine;

import java.util.List;

/**
 * The answers to one question.
 *
 * @param mode model or lexical
 * @param answers best first, possibly empty
 * @param timings where the time went
 */
public record Result(Mode mode, List<Answer> answers, Timings timings) {
  public Result {
    answers = List.copyOf(answers);
  }
}
