package dev.askpage.session;

import dev.askpage.engine.PreparedPage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prepared pages by content hash, least recently used first out, bounded in count and in the heap bytes the pages
 * really hold ({@link PreparedPage#heapBytes()}). Room for a new page is made before it is prepared, so the cache and
 * the page being prepared never hold more than the bound together. In memory only.
 */
public final class PageCache {
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

  private record Entry(PreparedPage page, long bytes) {}

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
    return digest + (tokenised ? ":t" : ":w");
  }

  /** SHA-256 of a page's text (UTF-16LE), in hex. */
  public static String digest(String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_16LE)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
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
   * Evicts the least recently used pages until a page of {@code pageBytes} fits beside the rest.
   *
   * @throws PageTooLargeException when such a page is over the whole bound (nothing is evicted)
   */
  public synchronized void makeRoom(long pageBytes) throws PageTooLargeException {
    if (pageBytes > maxBytes) {
      throw new PageTooLargeException(pageBytes, maxBytes);
    }
    evictUntil(maxEntries - 1, maxBytes - pageBytes);
  }

  /**
   * Adds a page, evicting the least recently used ones past the bounds.
   *
   * @return false when the page alone is over the byte bound: it is not kept and nothing is evicted
   */
  public synchronized boolean put(String key, PreparedPage page) {
    long size = page.heapBytes();
    if (size > maxBytes) {
      return false;
    }
    Entry old = pages.remove(key);
    if (old != null) {
      bytes -= old.bytes();
    }
    evictUntil(maxEntries - 1, maxBytes - size);
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
