package dev.askpage.session;

import dev.askpage.engine.PreparedPage;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prepared pages by content hash, least recently used first out, bounded in count and in the heap bytes the pages
 * really hold ({@link PreparedPage#heapBytes()}). Room for a new page is made before it is prepared and stays taken
 * until the page is put in, so the cache and the pages being prepared (by the ask worker and the prepare thread at
 * once) never hold more than the bound together. In memory only.
 */
public final class PageCache {
  /** Key suffixes: a page prepared for a model (tokens) or for the lexical engine (words). */
  private static final String TOKENISED = ":t";
  private static final String IN_WORDS = ":w";

  /**
   * What a prepared page is expected to hold per UTF-16 code unit of its text, before it is prepared: English prose
   * measures about 6 bytes, pages of one token per character about 24 (PreparedPageMemoryIT). The real size is
   * counted once the page is prepared.
   */
  public static final long EXPECTED_BYTES_PER_CHAR = 12;

  private final int maxEntries;
  private final long maxBytes;
  private final LinkedHashMap<String, Entry> pages = new LinkedHashMap<>(16, 0.75f, true);
  private long bytes;
  /** The expected bytes of the pages being prepared now, each held by a {@link Room} until it is closed. */
  private long reserved;

  private record Entry(PreparedPage page, long bytes) {}

  /** Room taken for a page being prepared; closing it (or putting the page in with it) gives the room back. */
  public final class Room implements AutoCloseable {
    private final long bytes;
    private boolean open = true;

    private Room(long bytes) {
      this.bytes = bytes;
    }

    @Override
    public void close() {
      synchronized (PageCache.this) {
        if (open) {
          open = false;
          reserved -= bytes;
          PageCache.this.notifyAll();
        }
      }
    }
  }

  public PageCache(int maxEntries, long maxBytes) {
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
  }

  /** The cache key of a page: SHA-256 of its text, plus whether it was tokenised with a vocabulary. */
  public static String key(String text, boolean tokenised) {
    return keyOfDigest(digest(text), tokenised);
  }

  /** The cache key of a page whose {@link #digest} is known. */
  public static String keyOfDigest(String digest, boolean tokenised) {
    return digest + (tokenised ? TOKENISED : IN_WORDS);
  }

  /** True when {@code key} names a page prepared for a model (tokenised), false for the lexical engine or no key. */
  static boolean isTokenisedKey(String key) {
    return key.endsWith(TOKENISED);
  }

  /**
   * SHA-256 of a page's UTF-16 code units (little-endian), in hex. The code units are hashed as they are, through a
   * small buffer: {@code getBytes(UTF_16LE)} would copy the whole page and replace every lone surrogate by U+FFFD,
   * giving texts that differ only there the same page id.
   */
  public static String digest(String text) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
    byte[] buffer = new byte[8192];
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      buffer[n++] = (byte) c;
      buffer[n++] = (byte) (c >>> 8);
      if (n == buffer.length) {
        sha.update(buffer, 0, n);
        n = 0;
      }
    }
    sha.update(buffer, 0, n);
    return HexFormat.of().formatHex(sha.digest());
  }

  /** The bytes a page of {@code chars} UTF-16 code units is expected to hold once prepared. */
  public static long expectedBytes(int chars) {
    return EXPECTED_BYTES_PER_CHAR * chars;
  }

  public long maxBytes() {
    return maxBytes;
  }

  public synchronized PreparedPage get(String key) {
    Entry e = pages.get(key);
    return e == null ? null : e.page();
  }

  /**
   * Evicts the least recently used pages until a page of {@code pageBytes} fits beside the rest and beside the pages
   * being prepared now, and holds that room until the returned {@link Room} is closed. When the pages being prepared
   * leave too little room even in an empty cache, waits until they are done.
   *
   * @throws PageTooLargeException when such a page is over the whole bound (nothing is evicted)
   */
  public synchronized Room makeRoom(long pageBytes) throws PageTooLargeException, InterruptedException {
    if (pageBytes > maxBytes) {
      throw new PageTooLargeException(pageBytes, maxBytes);
    }
    while (reserved + pageBytes > maxBytes) {
      wait();
    }
    reserved += pageBytes;
    evictUntil(maxEntries - 1, maxBytes - reserved);
    return new Room(pageBytes);
  }

  /**
   * Adds a page, evicting the least recently used ones past the bounds.
   *
   * @return false when the page alone is over the byte bound: it is not kept and nothing is evicted
   */
  public boolean put(String key, PreparedPage page) {
    return put(key, page, null);
  }

  /**
   * Adds a page prepared in {@code room} (null: none), giving the room back in the same step, so that another page's
   * room cannot be taken from under it.
   *
   * @return false when the page alone is over the byte bound: it is not kept and nothing is evicted
   */
  public synchronized boolean put(String key, PreparedPage page, Room room) {
    if (room != null) {
      room.close();
    }
    long size = page.heapBytes();
    if (size > maxBytes) {
      return false;
    }
    Entry old = pages.remove(key);
    if (old != null) {
      bytes -= old.bytes();
    }
    evictUntil(maxEntries - 1, maxBytes - reserved - size);
    pages.put(key, new Entry(page, size));
    bytes += size;
    return true;
  }

  private void evictUntil(int entries, long byteBudget) {
    Iterator<Entry> eldest = pages.values().iterator();
    while ((pages.size() > entries || bytes > byteBudget) && eldest.hasNext()) {
      bytes -= eldest.next().bytes();
      eldest.remove();
    }
  }

  public synchronized int size() {
    return pages.size();
  }

  /** The heap bytes of the pages held now. */
  public synchronized long bytes() {
    return bytes;
  }
}
