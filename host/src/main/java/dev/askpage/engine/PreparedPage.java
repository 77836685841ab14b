package dev.askpage.engine;

import dev.askpage.passage.Passage;
import dev.askpage.retrieve.Bm25Index;
import dev.askpage.retrieve.HeapSize;
import dev.askpage.tokenizer.Encoding;
import java.util.ArrayList;
import java.util.List;

/**
 * A page made ready for questions: tokenised, split into passages, indexed. Immutable apart from the sentence index,
 * which a page prepared without a vocabulary (the lexical host) builds at once and a tokenised one on its first lexical
 * question; safe to share between threads and to keep in the page cache.
 *
 * <p>The page keeps its token arrays once (not also the tokenizer's {@link Encoding} they were copied from), and
 * {@link #heapBytes()} adds up what it holds, so the page cache can bound the heap by real sizes.
 */
public final class PreparedPage {
  private final String text;
  private final Tokens tokens;
  private final List<Passage> passages;
  private final Bm25Index passageIndex;
  private final double tokenizeMs;
  private volatile Sentences sentences;

  PreparedPage(String text, Encoding encoding, Tokens tokens, List<Passage> passages, Bm25Index passageIndex,
      double tokenizeMs) {
    this.text = text;
    this.tokens = tokens;
    this.passages = List.copyOf(passages);
    this.passageIndex = passageIndex;
    this.tokenizeMs = tokenizeMs;
    if (tokens.ids() == null) {
      sentences(); // the lexical host asks sentences of every page: build them now, so heapBytes counts them
    }
  }

  public String text() {
    return text;
  }

  /** Whether the page was tokenised with a vocabulary (false in lexical mode, where words stand in for tokens). */
  public boolean tokenised() {
    return tokens.ids() != null;
  }

  /** Where token {@code i} starts in the text (UTF-16 index); tokenised pages only. */
  public int tokenStart(int i) {
    return tokens.starts()[i];
  }

  /** Where token {@code i} ends in the text (UTF-16 index, exclusive); tokenised pages only. */
  public int tokenEnd(int i) {
    return tokens.ends()[i];
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

  /**
   * The heap this page holds, in bytes: text, token arrays, passages, indexes (and the sentence index once built),
   * counted from their lengths with the JVM's object headers. Measured against the real heap by
   * {@code PreparedPageMemoryIT}.
   */
  public long heapBytes() {
    long bytes = 64 + HeapSize.string(text) + passageIndex.heapBytes();
    for (int[] a : new int[][] {tokens.ids(), tokens.starts(), tokens.ends()}) {
      bytes += a == null ? 0 : HeapSize.array(a.length, 4);
    }
    bytes += HeapSize.array(passages.size(), 4) + PASSAGE_BYTES * passages.size();
    Sentences s = sentences;
    if (s != null) {
      bytes += 24 + HeapSize.array(s.ranges().size(), 4) + RANGE_BYTES * s.ranges().size() + s.index().heapBytes();
    }
    return bytes;
  }

  /** A {@link Passage} record: header and five ints. */
  private static final long PASSAGE_BYTES = 32;
  /** An {@code int[2]} range. */
  private static final long RANGE_BYTES = HeapSize.array(2, 4);

  /** Lexical mode's units (sentences, table rows) of all passages with their BM25 index, built once. */
  Sentences sentences() {
    Sentences s = sentences;
    if (s == null) {
      synchronized (this) {
        s = sentences;
        if (s == null) {
          ArrayList<int[]> ranges = new ArrayList<>();
          for (Passage p : passages) {
            ranges.addAll(LexicalUnits.of(text, p.charStart(), p.charEnd()));
          }
          ranges.trimToSize();
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
