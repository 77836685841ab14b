package dev.askpage.passage;

/**
 * A stretch of the page read as one unit: a paragraph, or a window-sized run of sentences of a long paragraph.
 *
 * @param index position in page order
 * @param charStart first UTF-16 offset in the page
 * @param charEnd end offset (exclusive)
 * @param tokenFrom first page token
 * @param tokenTo end token (exclusive)
 */
public record Passage(int index, int charStart, int charEnd, int tokenFrom, int tokenTo) {
  /** Number of tokens. */
  public int tokens() {
    return tokenTo - tokenFrom;
  }
}
