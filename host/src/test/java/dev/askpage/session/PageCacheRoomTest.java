package dev.askpage.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.askpage.engine.EngineSettings;
import dev.askpage.engine.PreparedPage;
import dev.askpage.engine.QaEngine;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Room for pages being prepared on two threads at once (the ask worker and the prepare thread). */
class PageCacheRoomTest {
  private static final QaEngine LEXICAL = QaEngine.lexical(EngineSettings.defaults());

  private static PreparedPage page(String text) {
    return LEXICAL.prepare(text);
  }

  @Test
  void roomTakenForOnePageIsNotGivenToTheCacheWhenAnotherPageIsPut() throws Exception {
    PreparedPage p = page("word ".repeat(1000));
    long size = p.heapBytes();
    PageCache cache = new PageCache(100, 3 * size);
    cache.put("a", p);
    cache.put("b", page("more word ".repeat(500)));
    try (PageCache.Room room = cache.makeRoom(size)) {
      cache.put("c", page("other word ".repeat(450)));
      assertTrue(cache.bytes() + size <= cache.maxBytes(), "the room of the page being prepared was kept free");
      assertNull(cache.get("a"), "the least recently used page made way");
    }
  }

  @Test
  void aSecondPageThatDoesNotFitBesideOneBeingPreparedWaitsForIt() throws Exception {
    PageCache cache = new PageCache(100, 1000);
    PageCache.Room first = cache.makeRoom(600);
    CompletableFuture<PageCache.Room> second = new CompletableFuture<>();
    Thread waiter = new Thread(() -> {
      try {
        second.complete(cache.makeRoom(600));
      } catch (Exception e) {
        second.completeExceptionally(e);
      }
    });
    waiter.start();
    while (waiter.getState() != Thread.State.WAITING && !second.isDone()) {
      Thread.onSpinWait();
    }
    assertTrue(!second.isDone(), "two pages of 600 bytes were prepared at once under a bound of 1000");
    cache.put("first", page("The first page."), first);
    assertEquals(PageCache.Room.class, second.get(30, TimeUnit.SECONDS).getClass());
    waiter.join();
  }
}
