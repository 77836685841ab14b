package dev.askpage.decode;

/** One candidate answer: a character span of the page with its logit score. */
public record Span(int start, int end, double score) {
  public Span {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
    }
  }
}
