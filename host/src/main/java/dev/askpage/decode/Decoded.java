package dev.askpage.decode;

import java.util.List;

/**
 * The decoder's verdict: ranked answers with their probabilities, or none.
 *
 * <p>Probabilities are a softmax over every candidate the ranking kept (not only the returned ones) and, for models
 * that predict "no answer", the no-answer score too; so they do not change with {@code top} or {@code floor}, and the
 * returned ones plus {@code noAnswerProbability} sum to at most 1.
 *
 * @param answers best first; empty when the model says there is no answer or nothing matched
 * @param probabilities each answer's probability, same order
 * @param nullScore the lowest "no answer" score over the windows, or NaN when the model does not predict no-answer
 * @param noAnswerProbability the probability of "no answer", or NaN when the model does not predict no-answer
 */
public record Decoded(List<Span> answers, double[] probabilities, double nullScore, double noAnswerProbability) {
  public Decoded {
    answers = List.copyOf(answers);
    if (probabilities.length != answers.size()) {
      throw new IllegalArgumentException("one probability per answer");
    }
  }

  /** Whether the no-answer score took part in the decision (and {@link #noAnswerProbability} is a number). */
  public boolean scoresNoAnswer() {
    return !Double.isNaN(noAnswerProbability);
  }
}
