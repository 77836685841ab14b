package dev.askpage.decode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Turns start/end logits of several windows into ranked character spans (BERT's SQuAD post-processing). */
public final class SpanDecoder {
  private final DecodeOptions options;

  public SpanDecoder(DecodeOptions options) {
    this.options = options;
  }

  /** Decodes all windows of one question. */
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
    candidates.sort(Comparator.comparingDouble(Span::score).reversed());
    List<Span> best = distinctTop(candidates, options.top());
    if (!options.predictsNoAnswer()) {
      return new Decoded(best, softmax(best), Double.NaN);
    }
    boolean noAnswer = best.isEmpty() || nullScore - best.get(0).score() > options.nullThreshold();
    if (noAnswer) {
      return new Decoded(List.of(), new double[0], nullScore);
    }
    return new Decoded(best, softmax(best), nullScore);
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

  private static List<Span> distinctTop(List<Span> sorted, int top) {
    List<Span> out = new ArrayList<>(top);
    Set<Long> seen = new HashSet<>();
    for (Span span : sorted) {
      if (seen.add(((long) span.start() << 32) | span.end())) {
        out.add(span);
        if (out.size() == top) {
          break;
        }
      }
    }
    return out;
  }

  private static double[] softmax(List<Span> spans) {
    return softmax(spans.stream().mapToDouble(Span::score).toArray());
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
