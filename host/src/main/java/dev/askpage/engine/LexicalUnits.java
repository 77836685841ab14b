package dev.askpage.engine;

import dev.askpage.passage.TextRanges;
import java.util.ArrayList;
import java.util.List;

/**
 * What lexical mode answers with: sentences, except that a table row is answered whole.
 *
 * <p>The extension captures a table row as a paragraph whose cells are lines ("Height\n330 m"; rows are separated by a
 * blank line); a single cell says nothing ("Height"), the row does. In the captured text a row cannot be told from a
 * paragraph broken by {@code <br>}, so a paragraph of two or more lines that are all short (at most
 * {@link #MAX_CELL_WORDS} words; an address, a table row) is one unit, its line breaks included; paragraphs of longer
 * lines are split into sentences as before.
 */
final class LexicalUnits {
  /** Table cells and address lines are short; prose lines are longer. */
  static final int MAX_CELL_WORDS = 12;

  private LexicalUnits() {}

  /** The units of {@code text[from, to)}, a passage (inside one paragraph), as [start, end) offsets. */
  static List<int[]> of(String text, int from, int to) {
    List<int[]> lines = lines(text, from, to);
    if (lines.size() >= 2 && lines.stream().allMatch(l -> words(text, l[0], l[1]) <= MAX_CELL_WORDS)) {
      return List.of(new int[] {lines.get(0)[0], lines.get(lines.size() - 1)[1]});
    }
    return TextRanges.sentences(text, from, to);
  }

  /** Non-blank lines, trimmed. */
  private static List<int[]> lines(String text, int from, int to) {
    List<int[]> out = new ArrayList<>();
    int start = from;
    for (int i = from; i <= to; i++) {
      if (i == to || text.charAt(i) == '\n') {
        int s = start;
        int e = i;
        while (s < e && Character.isWhitespace(text.charAt(s))) {
          s++;
        }
        while (e > s && Character.isWhitespace(text.charAt(e - 1))) {
          e--;
        }
        if (e > s) {
          out.add(new int[] {s, e});
        }
        start = i + 1;
      }
    }
    return out;
  }

  private static int words(String text, int from, int to) {
    int count = 0;
    boolean inWord = false;
    for (int i = from; i < to; i++) {
      boolean space = Character.isWhitespace(text.charAt(i));
      count += !space && !inWord ? 1 : 0;
      inWord = !space;
    }
    return count;
  }
}
