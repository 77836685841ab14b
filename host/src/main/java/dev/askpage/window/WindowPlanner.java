package dev.askpage.window;

import dev.askpage.passage.Passage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Chooses the windows the model reads for a question under a budget: passages in rank order, short ones packed together
 * into one window (first fit), a passage longer than a window read in windows {@code stride} tokens apart.
 *
 * <p>When the passages read need more than one window, the best-ranked passage gets a window of its own, sized to it
 * (the lead window, one of the budget's windows): it is read first and alone, so its answers come after a fraction of
 * a full window's inference (progressive answers), and the other passages pack the rest of the budget as before.
 */
public final class WindowPlanner {
  /** Positions taken by {@code [CLS]} and two {@code [SEP]}. */
  private static final int SPECIALS = 3;

  private final int maxSequence;
  private final int stride;
  private final int clsId;
  private final int sepId;

  public WindowPlanner(int maxSequence, int stride, int clsId, int sepId) {
    if (stride < 1 || maxSequence < 16) {
      throw new IllegalArgumentException("maxSequence must be at least 16 and stride positive");
    }
    this.maxSequence = maxSequence;
    this.stride = stride;
    this.clsId = clsId;
    this.sepId = sepId;
  }

  /**
   * Plans windows.
   *
   * @param question question token ids (already cut to the question limit)
   * @param pageIds token ids of the whole page
   * @param passages all passages of the page
   * @param ranking passage indices, best first
   * @param budget at most this many windows
   */
  public WindowPlan plan(int[] question, int[] pageIds, List<Passage> passages, int[] ranking, int budget) {
    int capacity = maxSequence - question.length - SPECIALS;
    if (capacity < 1) {
      throw new IllegalArgumentException("the question leaves no room for context");
    }
    WindowPlan packed = packed(question, pageIds, passages, ranking, budget, capacity);
    if (budget < 2 || packed.windows().size() < 2 || passages.get(ranking[0]).tokens() > capacity) {
      return packed;
    }
    Window lead = packedWindow(question, pageIds, List.of(passages.get(ranking[0])));
    WindowPlan rest = packed(question, pageIds, passages, Arrays.copyOfRange(ranking, 1, ranking.length), budget - 1,
        capacity);
    List<Window> windows = new ArrayList<>(rest.windows().size() + 1);
    windows.add(lead);
    windows.addAll(rest.windows());
    List<Integer> read = new ArrayList<>(rest.passagesRead().size() + 1);
    read.add(ranking[0]);
    read.addAll(rest.passagesRead());
    return new WindowPlan(windows, read);
  }

  /** Passages in rank order packed into at most {@code budget} windows (first fit), long ones strided. */
  private WindowPlan packed(int[] question, int[] pageIds, List<Passage> passages, int[] ranking, int budget,
      int capacity) {
    List<List<Passage>> packed = new ArrayList<>();
    List<int[]> packedUsed = new ArrayList<>();
    List<Window> strided = new ArrayList<>();
    List<Integer> read = new ArrayList<>();
    for (int index : ranking) {
      int open = packed.size() + strided.size();
      Passage p = passages.get(index);
      if (p.tokens() > capacity) {
        if (open >= budget) {
          continue;
        }
        strided.addAll(stridedWindows(question, pageIds, p, capacity, budget - open));
        read.add(index);
        continue;
      }
      int slot = firstFit(packedUsed, p.tokens(), capacity);
      if (slot < 0 && open < budget) {
        packed.add(new ArrayList<>());
        packedUsed.add(new int[1]);
        slot = packed.size() - 1;
      }
      if (slot >= 0) {
        packed.get(slot).add(p);
        packedUsed.get(slot)[0] += p.tokens();
        read.add(index);
      }
    }
    List<Window> windows = new ArrayList<>();
    for (List<Passage> group : packed) {
      windows.add(packedWindow(question, pageIds, group));
    }
    windows.addAll(strided);
    return new WindowPlan(windows, read);
  }

  private static int firstFit(List<int[]> used, int tokens, int capacity) {
    for (int i = 0; i < used.size(); i++) {
      if (used.get(i)[0] + tokens <= capacity) {
        return i;
      }
    }
    return -1;
  }

  /** Several whole passages in one window, in page order. */
  private Window packedWindow(int[] question, int[] pageIds, List<Passage> group) {
    List<Passage> inOrder = new ArrayList<>(group);
    inOrder.sort((a, b) -> Integer.compare(a.index(), b.index()));
    int total = inOrder.stream().mapToInt(Passage::tokens).sum();
    int[] tokens = new int[total];
    int[] segments = new int[total];
    int k = 0;
    for (Passage p : inOrder) {
      for (int t = p.tokenFrom(); t < p.tokenTo(); t++) {
        tokens[k] = t;
        segments[k] = p.index();
        k++;
      }
    }
    boolean[] max = new boolean[total];
    Arrays.fill(max, true);
    return assemble(question, pageIds, tokens, segments, max);
  }

  /** A long passage in overlapping windows; each token's max-context window is marked (BERT's rule). */
  private List<Window> stridedWindows(int[] question, int[] pageIds, Passage p, int capacity, int allowed) {
    List<int[]> spans = new ArrayList<>(); // [from, length] in page tokens
    for (int from = p.tokenFrom(); ; from += stride) {
      int length = Math.min(capacity, p.tokenTo() - from);
      spans.add(new int[] {from, length});
      if (from + length >= p.tokenTo()) {
        break;
      }
    }
    // Only the windows that are read compete for max context: a token whose best window the budget cut off is still
    // a possible answer start in the windows that remain.
    spans = spans.subList(0, Math.min(allowed, spans.size()));
    List<Window> out = new ArrayList<>();
    for (int s = 0; s < spans.size(); s++) {
      int[] span = spans.get(s);
      int[] tokens = new int[span[1]];
      int[] segments = new int[span[1]];
      boolean[] max = new boolean[span[1]];
      for (int i = 0; i < span[1]; i++) {
        tokens[i] = span[0] + i;
        segments[i] = p.index();
        max[i] = bestSpanFor(spans, span[0] + i) == s;
      }
      out.add(assemble(question, pageIds, tokens, segments, max));
    }
    return out;
  }

  /** The span giving a token the most context: max of min(left, right) + 0.01 × span length. */
  static int bestSpanFor(List<int[]> spans, int token) {
    int best = -1;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int s = 0; s < spans.size(); s++) {
      int from = spans.get(s)[0];
      int length = spans.get(s)[1];
      if (token < from || token >= from + length) {
        continue;
      }
      double score = Math.min(token - from, from + length - 1 - token) + 0.01 * length;
      if (score > bestScore) {
        bestScore = score;
        best = s;
      }
    }
    return best;
  }

  private Window assemble(int[] question, int[] pageIds, int[] tokens, int[] segments, boolean[] max) {
    int contextStart = question.length + 2;
    int[] ids = new int[contextStart + tokens.length + 1];
    ids[0] = clsId;
    System.arraycopy(question, 0, ids, 1, question.length);
    ids[question.length + 1] = sepId;
    for (int i = 0; i < tokens.length; i++) {
      ids[contextStart + i] = pageIds[tokens[i]];
    }
    ids[ids.length - 1] = sepId;
    return new Window(ids, contextStart, tokens, segments, max);
  }
}
