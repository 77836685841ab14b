package dev.askpage.engine;

import dev.askpage.decode.Decoded;
import dev.askpage.decode.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * One answer: the exact substring of the page and where it is.
 *
 * @param text {@code page.substring(start, end)}
 * @param start UTF-16 offset into the page text
 * @param end end offset (exclusive)
 * @param score sum of start and end logits (model mode) or the BM25 score (lexical mode)
 * @param probability the answer's share of a softmax over every candidate kept (and the no-answer score); see
 *     {@link Decoded}
 */
public record Answer(String text, int start, int end, double score, double probability) {
  /** The answers {@code decoded} picked, best first, each with its text cut from {@code pageText}. */
  static List<Answer> of(Decoded decoded, String pageText) {
    List<Answer> answers = new ArrayList<>(decoded.answers().size());
    for (int i = 0; i < decoded.answers().size(); i++) {
      Span span = decoded.answers().get(i);
      answers.add(new Answer(pageText.substring(span.start(), span.end()), span.start(), span.end(), span.score(),
          decoded.probabilities()[i]));
    }
    return answers;
  }
}
