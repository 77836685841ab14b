package dev.askpage.engine;

import java.util.Arrays;

/** Word starts, which stand in for token starts when there is no vocabulary (lexical mode). */
final class Words {
  private Words() {}

  static int[] starts(String text) {
    int[] starts = new int[16];
    int n = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); i++) {
      boolean space = Character.isWhitespace(text.charAt(i));
      if (!space && !inWord) {
        if (n == starts.length) {
          starts = Arrays.copyOf(starts, n * 2);
        }
        starts[n++] = i;
      }
      inWord = !space;
    }
    return Arrays.copyOf(starts, n);
  }
}
