package dev.askpage.tokenizer;

import java.util.Arrays;

/**
 * Longest-prefix lookup of WordPiece pieces over UTF-16 chars, without allocation: one trie for word-initial pieces
 * and one for {@code ##} continuations, sharing a single open-addressing edge table.
 */
final class VocabTrie {
  static final String CONTINUATION = "##";
  private static final int INITIAL_ROOT = 0;
  private static final int CONTINUATION_ROOT = 1;
  private static final long EMPTY = -1L;

  private final long[] keys;
  private final int[] children;
  private final int mask;
  private final int shift;
  private final int[] tokenIds;

  VocabTrie(Vocabulary vocab) {
    int chars = 0;
    for (int id = 0; id < vocab.size(); id++) {
      chars += vocab.token(id).length();
    }
    int capacity = Integer.highestOneBit(Math.max(16, chars * 2 + 2) - 1) << 1;
    this.keys = new long[capacity];
    Arrays.fill(keys, EMPTY);
    this.children = new int[capacity];
    this.mask = capacity - 1;
    this.shift = 64 - Integer.numberOfTrailingZeros(capacity);
    int[] ids = new int[chars + 2];
    Arrays.fill(ids, -1);
    int nodes = 2;
    for (int id = 0; id < vocab.size(); id++) {
      String token = vocab.token(id);
      nodes = insert(INITIAL_ROOT, token, 0, id, ids, nodes);
      if (token.startsWith(CONTINUATION)) {
        nodes = insert(CONTINUATION_ROOT, token, CONTINUATION.length(), id, ids, nodes);
      }
    }
    this.tokenIds = Arrays.copyOf(ids, nodes);
  }

  private int insert(int root, String token, int from, int id, int[] ids, int nodes) {
    int node = root;
    for (int i = from; i < token.length(); i++) {
      long key = key(node, token.charAt(i));
      int slot = home(key);
      while (keys[slot] != EMPTY && keys[slot] != key) {
        slot = (slot + 1) & mask;
      }
      if (keys[slot] == EMPTY) {
        keys[slot] = key;
        children[slot] = nodes++;
      }
      node = children[slot];
    }
    if (node != root) {
      ids[node] = id; // a later duplicate wins, as in Vocabulary.id
    }
    return nodes;
  }

  /**
   * The longest piece that {@code text[from, to)} starts with, looked up among continuation pieces ({@code ##…}) when
   * {@code continuation} is set. Returns {@code (end << 32) | id}, or -1 when no piece matches.
   */
  long longest(char[] text, int from, int to, boolean continuation) {
    int node = continuation ? CONTINUATION_ROOT : INITIAL_ROOT;
    long best = -1L;
    for (int i = from; i < to; i++) {
      int slot = find(key(node, text[i]));
      if (slot < 0) {
        break;
      }
      node = children[slot];
      int id = tokenIds[node];
      if (id >= 0) {
        best = ((long) (i + 1) << 32) | id;
      }
    }
    return best;
  }

  private static long key(int node, char c) {
    return ((long) node << 16) | c;
  }

  private int home(long key) {
    return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
  }

  /** The slot holding {@code key}, or -1. */
  private int find(long key) {
    int slot = home(key);
    while (true) {
      long k = keys[slot];
      if (k == key) {
        return slot;
      }
      if (k == EMPTY) {
        return -1;
      }
      slot = (slot + 1) & mask;
    }
  }
}
