package dev.askpage.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.askpage.engine.EngineSettings;
import dev.askpage.engine.PreparedPage;
import dev.askpage.engine.QaEngine;
import org.junit.jupiter.api.Test;

/** Pages are prepared by the lexical engine: no model, no vocabulary. */
class PageCacheTest {
  private static final QaEngine LEXICAL = QaEngine.lexical(EngineSettings.defaults());

  private static PreparedPage page(String text) {
    return LEXICAL.prepare(text);
  }

  @Test
  void keepsAndReturnsPages() {
    PageCache cache = new PageCache(4, 1 << 20);
    PreparedPage p = page("The cat sat on the mat.");
    cache.put("a", p);
    assertSame(p, cache.get("a"));
    assertNull(cache.get("b"));
  }

  @Test
  void evictsTheLeastRecentlyUsedPastTheCount() {
    PageCache cache = new PageCache(2, 1 << 20);
    cache.put("a", page("one page."));
    cache.put("b", page("two page."));
    assertNotNull(cache.get("a")); // a is now more recent than b
    cache.put("c", page("three page."));
    assertEquals(2, cache.size());
    assertNotNull(cache.get("a"));
    assertNull(cache.get("b"));
    assertNotNull(cache.get("c"));
  }

  @Test
  void evictsPastTheByteBound() {
    PreparedPage p = page("word ".repeat(1000));
    long size = p.heapBytes();
    PageCache cache = new PageCache(100, 2 * size + size / 2);
    cache.put("a", p);
    cache.put("b", page("word ".repeat(1000)));
    assertEquals(2, cache.size());
    cache.put("c", page("word ".repeat(1000)));
    assertEquals(2, cache.size());
    assertNull(cache.get("a"));
  }

  @Test
  void aPageOverTheByteBoundIsNotKeptAndEvictsNothing() {
    PreparedPage small = page("small.");
    PreparedPage big = page("word ".repeat(10_000));
    PageCache cache = new PageCache(10, big.heapBytes() - 1);
    cache.put("small", small);
    cache.put("big", big);
    assertNull(cache.get("big"));
    assertSame(small, cache.get("small"));
  }

  @Test
  void replacingAKeyCountsItsBytesOnce() {
    PreparedPage p = page("word ".repeat(1000));
    PageCache cache = new PageCache(10, p.heapBytes() * 2);
    for (int i = 0; i < 10; i++) {
      cache.put("same", page("word ".repeat(1000)));
    }
    cache.put("other", p);
    assertEquals(2, cache.size(), "replacing must not leak bytes and evict the other page");
  }

  @Test
  void makingRoomEvictsTheLeastRecentlyUsedBeforeTheNewPageIsPrepared() throws PageTooLargeException {
    PreparedPage p = page("word ".repeat(1000));
    long size = p.heapBytes();
    PageCache cache = new PageCache(100, 3 * size);
    cache.put("a", p);
    cache.put("b", page("more word ".repeat(500)));
    cache.put("c", page("other word ".repeat(450)));
    assertNotNull(cache.get("a")); // b is now the least recently used
    cache.makeRoom(size);
    assertNull(cache.get("b"));
    assertTrue(cache.bytes() + size <= cache.maxBytes());
    assertSame(p, cache.get("a"));
  }

  @Test
  void aPageThatCannotFitIsRefusedBeforeAnythingIsEvicted() {
    PreparedPage p = page("word ".repeat(1000));
    PageCache cache = new PageCache(100, 2 * p.heapBytes());
    cache.put("a", p);
    assertThrows(PageTooLargeException.class, () -> cache.makeRoom(2 * p.heapBytes() + 1));
    assertSame(p, cache.get("a"));
  }

  @Test
  void theCountBoundLeavesRoomForTheNewPage() throws PageTooLargeException {
    PageCache cache = new PageCache(2, 1 << 20);
    cache.put("a", page("one."));
    cache.put("b", page("two."));
    cache.makeRoom(1);
    assertEquals(1, cache.size());
  }

  @Test
  void keyDependsOnTextAndTokenisation() {
    assertEquals(PageCache.key("abc", true), PageCache.key("abc", true));
    assertNotEquals(PageCache.key("abc", true), PageCache.key("abc", false));
    assertNotEquals(PageCache.key("abc", true), PageCache.key("abd", true));
    assertEquals(64 + 2, PageCache.key("", false).length());
  }
}
