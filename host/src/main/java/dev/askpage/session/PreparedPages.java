package dev.askpage.session;

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
 *
 * <p>A prepare is claimed by its text alone (when its frame is read, before the engine it will use is known), but its
 * work is shared only with requests whose engine gives the same page id: a model that finished loading meanwhile
 * cannot read a page prepared for the lexical engine (words, no token ids), so such a request prepares its own.
 */
final class PreparedPages {
  private final PageCache cache;
  /** Pages being prepared, by the digest of their text; each completes with the page and the id it was kept under. */
  private final Map<String, CompletableFuture<Prepared>> preparing = new ConcurrentHashMap<>();

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

  /** What a prepare made: the page and its id, which says which kind of engine can read it. */
  private record Prepared(String pageId, PreparedPage page) {}

  /**
   * A prepare's place in line, taken when its frame is read (before any later ask is looked at), so that an ask for
   * the same text that arrives while it runs finds it.
   */
  static final class Claim {
    final String digest;
    final CompletableFuture<Prepared> future;
    final boolean owner;

    private Claim(String digest, CompletableFuture<Prepared> future, boolean owner) {
      this.digest = digest;
      this.future = future;
      this.owner = owner;
    }
  }

  /** Takes a claim on preparing {@code text}; a second prepare of a text being prepared shares the first's work. */
  Claim claim(String text) {
    String digest = PageCache.digest(text);
    CompletableFuture<Prepared> mine = new CompletableFuture<>();
    CompletableFuture<Prepared> existing = preparing.putIfAbsent(digest, mine);
    return existing == null ? new Claim(digest, mine, true) : new Claim(digest, existing, false);
  }

  /** Prepares the claimed page (or waits for whoever does) and keeps it in the cache. */
  Lookup prepare(Claim claim, String text, QaEngine engine) throws InterruptedException, PageTooLargeException {
    String id = PageCache.keyOfDigest(claim.digest, engine.tokenises());
    if (!claim.owner) {
      PreparedPage shared = await(claim.future, id);
      if (shared != null) {
        return new Lookup(id, shared, true);
      }
      return fromCacheOrPrepare(id, text, engine);
    }
    try {
      Lookup lookup = fromCacheOrPrepare(id, text, engine);
      claim.future.complete(new Prepared(id, lookup.page()));
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
    String id = PageCache.keyOfDigest(digest, engine.tokenises());
    PreparedPage cached = cache.get(id);
    if (cached != null) {
      return new Lookup(id, cached, true);
    }
    CompletableFuture<Prepared> inFlight = preparing.get(digest);
    if (inFlight != null) {
      PreparedPage shared = await(inFlight, id);
      if (shared != null) {
        return new Lookup(id, shared, true);
      }
    }
    return fromCacheOrPrepare(id, text, engine);
  }

  /** The page a {@code prepare} gave this id, if the cache still holds it. */
  Optional<Lookup> forId(String pageId, QaEngine engine) {
    // A page prepared for another kind of engine (words for the lexical one, tokens for a model: the host may have
    // loaded a model since) is not one this engine can read.
    if (PageCache.isTokenisedKey(pageId) != engine.tokenises()) {
      return Optional.empty();
    }
    return Optional.ofNullable(cache.get(pageId)).map(page -> new Lookup(pageId, page, true));
  }

  /**
   * The cached page, or one prepared now and kept in the cache; room is made before preparing and held until the page
   * is in, so the cache and the pages being prepared on both threads stay within the budget together.
   */
  private Lookup fromCacheOrPrepare(String id, String text, QaEngine engine)
      throws PageTooLargeException, InterruptedException {
    PreparedPage cached = cache.get(id);
    if (cached != null) {
      return new Lookup(id, cached, true);
    }
    try (PageCache.Room room = cache.makeRoom(PageCache.expectedBytes(text.length()))) {
      PreparedPage page = engine.prepare(text);
      if (!cache.put(id, page, room)) {
        throw new PageTooLargeException(page.heapBytes(), cache.maxBytes());
      }
      return new Lookup(id, page, false);
    }
  }

  /**
   * The page another request prepared, or null when that failed or made a page of another id (prepared for another
   * kind of engine): the caller then prepares it itself. A page that request found too large is too large for this
   * one as well, so it is refused at once rather than prepared again.
   */
  private static PreparedPage await(CompletableFuture<Prepared> future, String pageId)
      throws InterruptedException, PageTooLargeException {
    try {
      Prepared prepared = future.get();
      return prepared.pageId().equals(pageId) ? prepared.page() : null;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof PageTooLargeException tooLarge) {
        throw tooLarge;
      }
      return null;
    }
  }
}
