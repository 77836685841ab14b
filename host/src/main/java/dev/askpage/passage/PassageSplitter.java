package dev.askpage.passage;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a tokenised page into passages: one per paragraph, and a long paragraph into runs of whole sentences of at most
 * {@code maxTokens} tokens. A single sentence longer than that stays one passage (it is read in strided windows).
 */
public final class PassageSplitter {
  private final int maxTokens;

  public PassageSplitter(int maxTokens) {
    if (maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens must be positive");
    }
    this.maxTokens = maxTokens;
  }

  /**
   * Passages of {@code text} given where each of its tokens starts (ascending UTF-16 offsets). Passages without tokens
   * (only punctuation-free symbols that tokenise to nothing) are dropped.
   */
  public List<Passage> split(String text, int[] tokenStarts) {
    List<Passage> out = new ArrayList<>();
    for (int[] paragraph : TextRanges.paragraphs(text)) {
      int from = firstTokenAtOrAfter(tokenStarts, paragraph[0]);
      int to = firstTokenAtOrAfter(tokenStarts, paragraph[1]);
      if (to - from <= maxTokens) {
        add(out, paragraph[0], paragraph[1], from, to);
      } else {
        splitAtSentences(text, paragraph, tokenStarts, out);
      }
    }
    return out;
  }

  private void splitAtSentences(String text, int[] paragraph, int[] tokenStarts, List<Passage> out) {
    int runStart = -1;
    int runEnd = -1;
    int runFrom = -1;
    for (int[] sentence : TextRanges.sentences(text, paragraph[0], paragraph[1])) {
      int sentenceTo = firstTokenAtOrAfter(tokenStarts, sentence[1]);
      if (runStart >= 0 && sentenceTo - runFrom > maxTokens) {
        add(out, runStart, runEnd, runFrom, firstTokenAtOrAfter(tokenStarts, runEnd));
        runStart = -1;
      }
      if (runStart < 0) {
        runStart = sentence[0];
        runFrom = firstTokenAtOrAfter(tokenStarts, sentence[0]);
      }
      runEnd = sentence[1];
    }
    if (runStart >= 0) {
      add(out, runStart, runEnd, runFrom, firstTokenAtOrAfter(tokenStarts, runEnd));
    }
  }

  private static void add(List<Passage> out, int charStart, int charEnd, int from, int to) {
    if (to > from) {
      out.add(new Passage(out.size(), charStart, charEnd, from, to));
    }
  }

  /** Index of the first token starting at or after {@code offset} (binary search). */
  static int firstTokenAtOrAfter(int[] tokenStarts, int offset) {
    int lo = 0;
    int hi = tokenStarts.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (tokenStarts[mid] < offset) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
