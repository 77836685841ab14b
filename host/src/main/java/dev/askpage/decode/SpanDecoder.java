package dev.askpage.decode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Turns start/end logits of several windows into ranked character spans (BERT's SQuAD post-processing). */
public final class SpanDecoder {
  private final DecodeOptions options;

  public SpanDecoder(DecodeOptions options) {
    this.options = options;
  }

  /** Decodes all windows of one question; {@link AnswerRanking} picks what is returned. */
  public Decoded decode(List<WindowLogits> windows) {
    List<Span> candidates = new ArrayList<>();
    double nullScore = Double.POSITIVE_INFINITY;
    for (WindowLogits window : windows) {
      collectCandidates(window, candidates);
      if (options.predictsNoAnswer()) {
        int n = window.nullIndex();
        nullScore = Math.min(nullScore, (double) window.startLogits()[n] + window.endLogits()[n]);
      }
    }
    boolean scoresNull = options.predictsNoAnswer() && !windows.isEmpty();
    return AnswerRanking.rank(candidates, scoresNull ? nullScore : Double.NaN, options.nullThreshold(), options.top(),
        options.floor());
  }

  private void collectCandidates(WindowLogits window, List<Span> out) {
    int[] starts = topContextPositions(window.startLogits(), window);
    int[] ends = topContextPositions(window.endLogits(), window);
    for (int s : starts) {
      if (!window.maxContext()[s]) {
        continue;
      }
      for (int e : ends) {
        if (e < s || e - s + 1 > options.maxAnswerTokens()) {
          continue;
        }
        if (window.segment()[s] != window.segment()[e]) {
          continue;
        }
        double score = (double) window.startLogits()[s] + window.endLogits()[e];
        out.add(new Span(window.charStart()[s], window.charEnd()[e], score));
      }
    }
  }

  /** The n-best positions by logit, among context positions only. */
  private int[] topContextPositions(float[] logits, WindowLogits window) {
    int n = options.nBest();
    int[] best = new int[n];
    int count = 0;
    for (int i = 0; i < window.length(); i++) {
      if (!window.isContext(i)) {
        continue;
      }
      // Insertion into a short sorted array: n is 20, windows are at most 512 positions.
      int at = count < n ? count : n;
      while (at > 0 && logits[best[at - 1]] < logits[i]) {
        at--;
      }
      if (at >= n) {
        continue;
      }
      int last = Math.min(count, n - 1);
      System.arraycopy(best, at, best, at + 1, last - at);
      best[at] = i;
      count = Math.min(count + 1, n);
    }
    return Arrays.copyOf(best, count);
  }

  /** Softmax of scores (numerically stable); empty for no scores. */
  public static double[] softmax(double[] scores) {
    double[] p = new double[scores.length];
    double max = Double.NEGATIVE_INFINITY;
    for (double s : scores) {
      max = Math.max(max, s);
    }
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      p[i] = Math.exp(scores[i] - max);
      sum += p[i];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] /= sum;
    }
    return p;
  }

}
