package dev.askpage.session;

import dev.askpage.engine.Mode;
import dev.askpage.engine.PreparedPage;
import dev.askpage.engine.QaEngine;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * The page cache plus the pages being prepared right now, so that a page is tokenised once however many requests
 * need it: an {@code ask} whose text a {@code prepare} is still working on waits for that work instead of redoing it.
 * Page ids are the cache keys (a content hash), so the same text always gets the same id.
 */
final class PreparedPages {
  private final PageCache cache;
  /** Pages being prepared, by the digest of their text. */
  private final Map<String, CompletableFuture<PreparedPage>> preparing = new ConcurrentHashMap<>();

  PreparedPages(PageCache cache) {
    this.cache = cache;
  }

  /**
   * A page the question reads.
   *
   * @param pageId its id (the cache key)
   * @param cacheHit whether its preparation was done before this request (cached, or by a {@code prepare})
   */
  record Lookup(String pageId, PreparedPage page, boolean cacheHit) {}

  /**
   * A prepare's place in line, taken when its frame is read (before any later ask is looked at), so that an ask for
   * the same text that arrives while it runs finds it.
   */
  static final class Claim {
    final String digest;
    final CompletableFuture<PreparedPage> future;
    final boolean owner;

    private Claim(String digest, CompletableFuture<PreparedPage> future, boolean owner) {
      this.digest = digest;
      this.future = future;
      this.owner = owner;
    }
  }

  /** Takes a claim on preparing {@code text}; a second prepare of a text being prepared shares the first's work. */
  Claim claim(String text) {
    String digest = PageCache.digest(text);
    CompletableFuture<PreparedPage> mine = new CompletableFuture<>();
    CompletableFuture<PreparedPage> existing = preparing.putIfAbsent(digest, mine);
    return existing == null ? new Claim(digest, mine, true) : new Claim(digest, existing, false);
  }

  /** Prepares the claimed page (or waits for whoever does) and keeps it in the cache. */
  Lookup prepare(Claim claim, String text, QaEngine engine) throws InterruptedException, PageTooLargeException {
    String id = PageCache.keyOfDigest(claim.digest, engine.mode() == Mode.MODEL);
    if (!claim.owner) {
      PreparedPage shared = await(claim.future);
      if (shared != null) {
        return new Lookup(id, shared, true);
      }
      return fromCacheOrPrepare(id, text, engine);
    }
    try {
      Lookup lookup = fromCacheOrPrepare(id, text, engine);
      claim.future.complete(lookup.page());
      return lookup;
    } catch (PageTooLargeException | RuntimeException | Error e) {
      claim.future.completeExceptionally(e);
      throw e;
    } finally {
      preparing.remove(claim.digest, claim.future);
    }
  }

  /**
   * Gives up a claim whose prepare never ran to its end (the host is ending, or the prepare failed before it started),
   * so that nobody waits for it.
   */
  void abandon(Claim claim) {
    if (claim.owner && claim.future.completeExceptionally(new IllegalStateException("the prepare did not run"))) {
      preparing.remove(claim.digest, claim.future);
    }
  }

  /** The page of an ask that carries its text: cached, being prepared (waits for it), or prepared now. */
  Lookup forText(String text, QaEngine engine) throws InterruptedException, PageTooLargeException {
    String digest = PageCache.digest(text);
    String id = PageCache.keyOfDigest(digest, engine.mode() == Mode.MODEL);
    PreparedPage cached = cache.get(id);
    if (cached != null) {
      return new Lookup(id, cached, true);
    }
    CompletableFuture<PreparedPage> inFlight = preparing.get(digest);
    if (inFlight != null) {
      PreparedPage shared = await(inFlight);
      if (shared != null) {
        return new Lookup(id, shared, true);
      }
    }
    return fromCacheOrPrepare(id, text, engine);
  }

  /** The page a {@code prepare} gave this id, if the cache still holds it. */
  Optional<Lookup> forId(String pageId) {
    return Optional.ofNullable(cache.get(pageId)).map(page -> new Lookup(pageId, page, true));
  }

  /**
   * The cached page, or one prepared now and kept in the cache; room is made before preparing, so the cache and the
   * new page stay within the budget together.
   */
  private Lookup fromCacheOrPrepare(String id, String text, QaEngine engine) throws PageTooLargeException {
    PreparedPage cached = cache.get(id);
    if (cached != null) {
      return new Lookup(id, cached, true);
    }
    cache.makeRoom(PageCache.expectedBytes(text.length()));
    PreparedPage page = engine.prepare(text);
    if (!cache.put(id, page)) {
      throw new PageTooLargeException(page.heapBytes(), cache.maxBytes());
    }
    return new Lookup(id, page, false);
  }

  /** The page another request prepared, or null when that failed (the caller then prepares it itself). */
  private static PreparedPage await(CompletableFuture<PreparedPage> future) throws InterruptedException {
    try {
      return future.get();
    } catch (ExecutionException e) {
      return null;
    }
  }
}
