package dev.askpage.tokenizer;

import java.util.Arrays;
import java.util.Objects;

/**
 * BERT uncased tokenization (Hugging Face {@code BertTokenizer(do_lower_case=True)}: BasicTokenizer, then greedy
 * longest-match-first WordPiece) with offsets into the original text. Thread-safe; no special tokens are added, and
 * text such as {@code [SEP]} in a page is plain text.
 */
public final class WordPieceTokenizer {
  /** Hugging Face's {@code max_input_chars_per_word}, in code points of the normalised word. */
  static final int MAX_INPUT_CHARS_PER_WORD = 100;

  private final Vocabulary vocab;
  private final VocabTrie trie;
  private final int unk;

  /** A tokenizer over {@code vocab}; builds a lookup table once (tens of milliseconds). */
  public WordPieceTokenizer(Vocabulary vocab) {
    this.vocab = Objects.requireNonNull(vocab, "vocab");
    this.trie = new VocabTrie(vocab);
    this.unk = vocab.unkId();
  }

  /** The vocabulary the ids index. */
  public Vocabulary vocabulary() {
    return vocab;
  }

  /** Tokenizes the whole text, without {@code [CLS]} or {@code [SEP]}. */
  public Encoding encode(String text) {
    return encode(text, 0, text.length());
  }

  /**
   * Tokenizes only {@code text[from, to)}; offsets still index the whole text. A word cut by {@code from} or
   * {@code to} is tokenized as the part inside the range.
   */
  public Encoding encode(String text, int from, int to) {
    Objects.checkFromToIndex(from, to, text.length());
    Encoding.Builder out = new Encoding.Builder((to - from) / 4 + 8);
    Word word = new Word();
    int i = from;
    while (i < to) {
      char c = text.charAt(i);
      if (c < 0x80) {
        byte kind = CharClass.kind(c);
        if (kind == CharClass.WORD) {
          word.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c, i, i + 1);
        } else if (kind == CharClass.SPACE) {
          flush(word, out);
        } else {
          word.extendEnd(i + 1);
        }
        i++;
        continue;
      }
      int cp = c;
      int n = 1;
      if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
        cp = Character.toCodePoint(c, text.charAt(i + 1));
        n = 2;
      }
      switch (CharClass.kind(cp)) {
        case CharClass.WORD:
          word.append(cp == FinalSigma.CAPITAL_SIGMA ? FinalSigma.lower(text, from, i, to) : CharClass.fold(cp), i,
              i + n);
          break;
        case CharClass.SPACE:
          flush(word, out);
          break;
        case CharClass.CJK:
          flush(word, out);
          word.append(CharClass.fold(cp), i, i + n);
          flush(word, out);
          break;
        default:
          word.extendEnd(i + n);
          break;
      }
      i += n;
    }
    flush(word, out);
    return out.build();
  }

  /** Splits the buffered word at punctuation and emits the WordPiece tokens of each part. */
  private void flush(Word word, Encoding.Builder out) {
    char[] chars = word.chars;
    int length = word.length;
    int begin = 0;
    for (int k = 0; k < length; ) {
      char c = chars[k];
      int n = 1;
      int cp = c;
      if (Character.isHighSurrogate(c) && k + 1 < length && Character.isLowSurrogate(chars[k + 1])) {
        cp = Character.toCodePoint(c, chars[k + 1]);
        n = 2;
      }
      if (CharClass.isPunctuation(cp)) {
        pieces(word, begin, k, out);
        pieces(word, k, k + n, out);
        begin = k + n;
      }
      k += n;
    }
    pieces(word, begin, length, out);
    word.length = 0;
  }

  /** Greedy longest-match-first WordPiece over {@code word.chars[from, to)}; the whole part is [UNK] if it fails. */
  private void pieces(Word word, int from, int to, Encoding.Builder out) {
    if (from == to) {
      return;
    }
    int[] starts = word.starts;
    int[] ends = word.ends;
    if (to - from > MAX_INPUT_CHARS_PER_WORD
        && Character.codePointCount(word.chars, from, to - from) > MAX_INPUT_CHARS_PER_WORD) {
      out.add(unk, starts[from], ends[to - 1]);
      return;
    }
    int mark = out.size();
    int at = from;
    while (at < to) {
      long match = trie.longest(word.chars, at, to, at > from);
      if (match < 0) {
        out.truncate(mark);
        out.add(unk, starts[from], ends[to - 1]);
        return;
      }
      int end = (int) (match >>> 32);
      out.add((int) match, starts[at], ends[end - 1]);
      at = end;
    }
  }

  /** The normalised chars of the word being read, each with the original range it came from. */
  private static final class Word {
    char[] chars = new char[64];
    int[] starts = new int[64];
    int[] ends = new int[64];
    int length;

    void append(char c, int start, int end) {
      if (length == chars.length) {
        grow();
      }
      chars[length] = c;
      starts[length] = start;
      ends[length] = end;
      length++;
    }

    void append(String folded, int start, int end) {
      int n = folded.length();
      if (n == 0) {
        extendEnd(end);
        return;
      }
      for (int k = 0; k < n; k++) {
        append(folded.charAt(k), start, end);
      }
    }

    /**
     * A char that normalisation removed: the range of the previous source char (all chars it folded to) grows over
     * it; nothing happens at the start of a word.
     */
    void extendEnd(int end) {
      if (length == 0) {
        return;
      }
      int start = starts[length - 1];
      for (int k = length - 1; k >= 0 && starts[k] == start; k--) {
        ends[k] = end;
      }
    }

    private void grow() {
      int capacity = chars.length * 2;
      chars = Arrays.copyOf(chars, capacity);
      starts = Arrays.copyOf(starts, capacity);
      ends = Arrays.copyOf(ends, capacity);
    }
  }
}
