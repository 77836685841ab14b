package dev.askpage.decode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one place that turns scored candidate spans into the answers a user sees, for model and lexical answers alike
 * (so the popup, the find bar, {@code ask} and {@code eval} agree):
 *
 * <ol>
 *   <li>best score first;
 *   <li>a candidate that overlaps a better kept one is dropped ("swear" inside "agreed to swear" is the same answer);
 *   <li>probabilities: a softmax over the kept candidates, plus the no-answer score when there is one;
 *   <li>"no answer" when the no-answer score beats the best span by more than the threshold;
 *   <li>answers below {@code floor} times the best answer's probability are dropped, the best one never;
 *   <li>at most {@code top}.
 * </ol>
 *
 * <p>The floor compares probabilities of one softmax, so it is a score margin: an answer is kept when
 * {@code score >= best + ln(floor)}, whatever the normalisation.
 */
public final class AnswerRanking {
  private AnswerRanking() {}

  /**
   * Ranks candidates of a page.
   *
   * @param candidates spans in any order (duplicates and overlaps allowed)
   * @param nullScore the no-answer score, or NaN when the model does not predict no-answer (lexical mode, SQuAD 1.1)
   * @param nullThreshold no answer when {@code nullScore - best > nullThreshold}
   * @param top at most this many answers
   * @param floor from 0 (keep all) to 1 (keep only answers as good as the best)
   */
  public static Decoded rank(List<Span> candidates, double nullScore, double nullThreshold, int top, double floor) {
    DecodeOptions.checkFloor(floor);
    if (top < 1) {
      throw new IllegalArgumentException("top must be at least 1");
    }
    List<Span> kept = withoutOverlaps(candidates);
    boolean scoresNull = !Double.isNaN(nullScore);
    double[] scores = new double[kept.size() + (scoresNull ? 1 : 0)];
    for (int i = 0; i < kept.size(); i++) {
      scores[i] = kept.get(i).score();
    }
    if (scoresNull) {
      scores[kept.size()] = nullScore;
    }
    double[] p = SpanDecoder.softmax(scores);
    double noAnswerProbability = scoresNull ? p[kept.size()] : Double.NaN;
    boolean noAnswer = kept.isEmpty() || (scoresNull && nullScore - kept.get(0).score() > nullThreshold);
    if (noAnswer) {
      return new Decoded(List.of(), new double[0], nullScore, noAnswerProbability);
    }
    double minScore = kept.get(0).score() + Math.log(floor); // -Infinity for floor 0: keep all
    int n = 1;
    while (n < kept.size() && n < top && kept.get(n).score() >= minScore) {
      n++;
    }
    double[] returned = new double[n];
    System.arraycopy(p, 0, returned, 0, n);
    return new Decoded(kept.subList(0, n), returned, nullScore, noAnswerProbability);
  }

  /**
   * The candidates best first, each dropped when it shares a character with a better one already kept (ties: the
   * earlier start, then the shorter span, so the result does not depend on the input order).
   */
  static List<Span> withoutOverlaps(List<Span> candidates) {
    List<Span> sorted = new ArrayList<>(candidates);
    sorted.sort(Comparator.comparingDouble(Span::score).reversed()
        .thenComparingInt(Span::start)
        .thenComparingInt(Span::end));
    // Kept spans are disjoint, so by start they are also ordered by end: only the neighbours can overlap a new one.
    TreeMap<Integer, Span> byStart = new TreeMap<>();
    List<Span> kept = new ArrayList<>();
    for (Span s : sorted) {
      if (overlapsKept(byStart, s)) {
        continue;
      }
      byStart.put(s.start(), s);
      kept.add(s);
    }
    return kept;
  }

  private static boolean overlapsKept(TreeMap<Integer, Span> byStart, Span s) {
    Map.Entry<Integer, Span> before = byStart.floorEntry(s.start());
    if (before != null && overlaps(before.getValue(), s)) {
      return true;
    }
    Map.Entry<Integer, Span> after = byStart.ceilingEntry(s.start());
    return after != null && overlaps(after.getValue(), s);
  }

  /** Half-open spans overlap when they share a character; an empty span overlaps a span that strictly holds it. */
  private static boolean overlaps(Span a, Span b) {
    if (a.start() == b.start()) {
      return true;
    }
    return a.start() < b.end() && b.start() < a.end();
  }
}
