package dev.askpage.engine;

import java.util.List;

/**
 * The answers to one question.
 *
 * @param mode model or lexical
 * @param answers best first, possibly empty
 * @param timings where the time went
 * @param noAnswerProbability the model's probability that the page holds no answer, or NaN when its no-answer score
 *     took no part (lexical mode, models that do not predict no-answer)
 */
public record Result(Mode mode, List<Answer> answers, Timings timings, double noAnswerProbability) {
  public Result {
    answers = List.copyOf(answers);
  }

  /** A result without a no-answer probability. */
  public Result(Mode mode, List<Answer> answers, Timings timings) {
    this(mode, answers, timings, Double.NaN);
  }
}
