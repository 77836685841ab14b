package dev.askpage.engine;

import dev.askpage.decode.AnswerRanking;
import dev.askpage.decode.Decoded;
import dev.askpage.decode.Span;
import java.util.ArrayList;
import java.util.List;

/** Lexical mode's answers: the page's units (sentences, table rows) that match the question best, by BM25. */
final class LexicalAnswers {
  private LexicalAnswers() {}

  /** Every unit that shares a term with the question is a candidate; {@link AnswerRanking} picks as in model mode. */
  static Decoded rank(PreparedPage.Sentences units, String question, int top, double floor) {
    double[] scores = units.index().score(question);
    List<Span> candidates = new ArrayList<>();
    for (int i = 0; i < scores.length; i++) {
      if (scores[i] > 0) {
        int[] r = units.ranges().get(i);
        candidates.add(new Span(r[0], r[1], scores[i]));
      }
    }
    return AnswerRanking.rank(candidates, Double.NaN, 0, top, floor);
  }
}
