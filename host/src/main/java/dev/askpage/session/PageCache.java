package dev.askpage.session;

import dev.askpage.engine.PreparedPage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Prepared pages by content hash, least recently used first out, bounded in count and bytes. In memory only. */
public final class PageCache {
  private final int maxEntries;
  private final long maxBytes;
  private final LinkedHashMap<String, PreparedPage> pages = new LinkedHashMap<>(16, 0.75f, true);
  private long bytes;

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

  public synchronized PreparedPage get(String key) {
    return pages.get(key);
  }

  /** Adds a page, evicting the least recently used ones past the bounds; a page over the byte bound is not kept. */
  public synchronized void put(String key, PreparedPage page) {
    long size = page.approximateBytes();
    if (size > maxBytes) {
      return;
    }
    PreparedPage old = pages.put(key, page);
    if (old != null) {
      bytes -= old.approximateBytes();
    }
    bytes += size;
    Iterator<Map.Entry<String, PreparedPage>> eldest = pages.entrySet().iterator();
    while ((pages.size() > maxEntries || bytes > maxBytes) && eldest.hasNext()) {
      Map.Entry<String, PreparedPage> e = eldest.next();
      bytes -= e.getValue().approximateBytes();
      eldest.remove();
    }
  }

  public synchronized int size() {
    return pages.size();
  }
}
