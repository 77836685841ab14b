package dev.askpage.decode;

import java.util.List;

/**
 * The decoder's verdict: ranked answers with their softmax probabilities, or none.
 *
 * @param answers best first; empty when the model says there is no answer
 * @param probabilities softmax over the returned answers' scores, same order
 * @param nullScore the lowest "no answer" score over the windows, or NaN when the model does not predict no-answer
 */
public record Decoded(List<Span> answers, double[] probabilities, double nullScore) {
  public Decoded {
    answers = List.copyOf(answers);
  }
}
