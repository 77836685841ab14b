package dev.askpage.passage;

import java.util.ArrayList;
import java.util.List;

/** Finds paragraphs (blank-line separated) and sentences in page text, as [start, end) pairs of UTF-16 offsets. */
public final class TextRanges {
  private TextRanges() {}

  /** Paragraphs: text separated by a line that is empty or only white space; each trimmed, empty ones dropped. */
  public static List<int[]> paragraphs(String text) {
    List<int[]> out = new ArrayList<>();
    int n = text.length();
    int start = 0;
    int i = 0;
    while (i < n) {
      if (text.charAt(i) == '\n') {
        int j = i + 1;
        while (j < n && isBlank(text.charAt(j)) && text.charAt(j) != '\n') {
          j++;
        }
        if (j < n && text.charAt(j) == '\n') {
          addTrimmed(text, start, i, out);
          while (j < n && isBlank(text.charAt(j))) {
            j++;
          }
          start = j;
          i = j;
          continue;
        }
      }
      i++;
    }
    addTrimmed(text, start, n, out);
    return out;
  }

  /**
   * Sentences inside [from, to): a sentence ends after '.', '!' or '?' (with closing quotes or brackets) that is
   * followed by white space, or at a line break.
   */
  public static List<int[]> sentences(String text, int from, int to) {
    List<int[]> out = new ArrayList<>();
    int start = from;
    int i = from;
    while (i < to) {
      char c = text.charAt(i);
      if (c == '\n') {
        addTrimmed(text, start, i, out);
        start = i + 1;
      } else if (c == '.' || c == '!' || c == '?') {
        int j = i + 1;
        while (j < to && isCloser(text.charAt(j))) {
          j++;
        }
        if (j >= to || Character.isWhitespace(text.charAt(j))) {
          if (!isAbbreviation(text, start, i)) {
            addTrimmed(text, start, j, out);
            start = j;
            i = j;
            continue;
          }
        }
      }
      i++;
    }
    addTrimmed(text, start, to, out);
    return out;
  }

  /** A single capital letter before a period ("J. Smith", "U.S.") does not end a sentence. */
  private static boolean isAbbreviation(String text, int sentenceStart, int period) {
    if (text.charAt(period) != '.' || period == sentenceStart) {
      return false;
    }
    char before = text.charAt(period - 1);
    boolean single = period - 1 == sentenceStart || !Character.isLetter(text.charAt(period - 2));
    return Character.isUpperCase(before) && single;
  }

  private static boolean isCloser(char c) {
    return c == '"' || c == '\'' || c == ')' || c == ']' || c == '\u201d' || c == '\u2019';
  }

  private static boolean isBlank(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  private static void addTrimmed(String text, int start, int end, List<int[]> out) {
    while (start < end && isBlank(text.charAt(start))) {
      start++;
    }
    while (end > start && isBlank(text.charAt(end - 1))) {
      end--;
    }
    if (end > start) {
      out.add(new int[] {start, end});
    }
  }
}
