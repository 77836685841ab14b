package dev.askpage.engine;

/** Where the answers came from. */
public enum Mode {
  /** The QA model read the best windows. */
  MODEL,
  /** No usable model: the best-matching sentences. */
  LEXICAL;

  /** The name used on the wire and in {@code --json} output. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
