package dev.askpage.engine;

import dev.askpage.passage.Passage;
import dev.askpage.retrieve.Bm25Index;
import dev.askpage.tokenizer.Encoding;
import java.util.ArrayList;
import java.util.List;

/**
 * A page made ready for questions: tokenised, split into passages, indexed. Immutable apart from the sentence index,
 * which is built on the first lexical question; safe to share between threads and to keep in the page cache.
 */
public final class PreparedPage {
  private final String text;
  private final Encoding encoding;
  private final Tokens tokens;
  private final List<Passage> passages;
  private final Bm25Index passageIndex;
  private final double tokenizeMs;
  private volatile Sentences sentences;

  PreparedPage(String text, Encoding encoding, Tokens tokens, List<Passage> passages, Bm25Index passageIndex,
      double tokenizeMs) {
    this.text = text;
    this.encoding = encoding;
    this.tokens = tokens;
    this.passages = List.copyOf(passages);
    this.passageIndex = passageIndex;
    this.tokenizeMs = tokenizeMs;
  }

  public String text() {
    return text;
  }

  /** The page's tokens; null for a page prepared without a vocabulary (lexical mode). */
  public Encoding encoding() {
    return encoding;
  }

  public List<Passage> passages() {
    return passages;
  }

  Bm25Index passageIndex() {
    return passageIndex;
  }

  /** How long tokenising and indexing took when the page was prepared. */
  public double tokenizeMs() {
    return tokenizeMs;
  }

  /** Rough heap size, for the page cache's byte bound. */
  public long approximateBytes() {
    long tokens = encoding == null ? 0 : encoding.size();
    return 2L * text.length() + 12L * tokens + 64L * passages.size() + 16L * text.length() / 5;
  }

  /** Lexical mode's units (sentences, table rows) of all passages with their BM25 index, built once. */
  Sentences sentences() {
    Sentences s = sentences;
    if (s == null) {
      synchronized (this) {
        s = sentences;
        if (s == null) {
          List<int[]> ranges = new ArrayList<>();
          for (Passage p : passages) {
            ranges.addAll(LexicalUnits.of(text, p.charStart(), p.charEnd()));
          }
          s = new Sentences(ranges, Bm25Index.build(text, ranges));
          sentences = s;
        }
      }
    }
    return s;
  }

  /** The page's token arrays, shared by every question (ids and ends are null in lexical mode). */
  Tokens tokens() {
    return tokens;
  }

  /** Token ids and UTF-16 offsets as plain arrays; never modified after preparation. */
  record Tokens(int[] ids, int[] starts, int[] ends) {}

  /** Sentence ranges and their index. */
  record Sentences(List<int[]> ranges, Bm25Index index) {}
}
