package dev.askpage.tokenizer;

import java.util.Arrays;

/**
 * Token ids with their {@code [start, end)} offsets in UTF-16 code units of the original text, as parallel int arrays.
 *
 * <p>Offsets never decrease from one token to the next. Tokens that do not share a source char never overlap; pieces
 * cut from one char whose normalised form is several chars (a Hangul syllable decomposes into jamo) share that char's
 * range. A piece's range also covers the marks and invisible chars that normalisation removed right after it.
 */
public final class Encoding {
  private static final int[] NONE = new int[0];

  private final int[] ids;
  private final int[] starts;
  private final int[] ends;
  private final int size;

  private Encoding(int[] ids, int[] starts, int[] ends, int size) {
    this.ids = ids;
    this.starts = starts;
    this.ends = ends;
    this.size = size;
  }

  /** How many tokens. */
  public int size() {
    return size;
  }

  /** The vocabulary id of token {@code i}. */
  public int id(int i) {
    return ids[checked(i)];
  }

  /** Where token {@code i} starts in the original text (UTF-16 index, inclusive). */
  public int start(int i) {
    return starts[checked(i)];
  }

  /** Where token {@code i} ends in the original text (UTF-16 index, exclusive). */
  public int end(int i) {
    return ends[checked(i)];
  }

  /** A copy of the ids. */
  public int[] ids() {
    return Arrays.copyOf(ids, size);
  }

  /** A copy of the start offsets. */
  public int[] starts() {
    return Arrays.copyOf(starts, size);
  }

  /** A copy of the end offsets. */
  public int[] ends() {
    return Arrays.copyOf(ends, size);
  }

  @Override
  public String toString() {
    return "Encoding[" + size + " tokens]";
  }

  private int checked(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("token " + i + " of " + size);
    }
    return i;
  }

  /** Collects tokens in order; not thread-safe, one per {@code encode} call. */
  static final class Builder {
    private int[] ids;
    private int[] starts;
    private int[] ends;
    private int size;

    Builder(int expected) {
      int capacity = Math.max(expected, 8);
      ids = new int[capacity];
      starts = new int[capacity];
      ends = new int[capacity];
    }

    void add(int id, int start, int end) {
      if (size == ids.length) {
        int capacity = ids.length + (ids.length >> 1) + 8;
        ids = Arrays.copyOf(ids, capacity);
        starts = Arrays.copyOf(starts, capacity);
        ends = Arrays.copyOf(ends, capacity);
      }
      ids[size] = id;
      starts[size] = start;
      ends[size] = end;
      size++;
    }

    int size() {
      return size;
    }

    /** Forgets the tokens from index {@code size} on. */
    void truncate(int size) {
      this.size = size;
    }

    Encoding build() {
      if (size == 0) {
        return new Encoding(NONE, NONE, NONE, 0);
      }
      if (ids.length - size > (size >> 3) + 16) {
        return new Encoding(
            Arrays.copyOf(ids, size), Arrays.copyOf(starts, size), Arrays.copyOf(ends, size), size);
      }
      return new Encoding(ids, starts, ends, size);
    }
  }
}
