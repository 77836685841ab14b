package dev.askpage.session;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.askpage.engine.QaEngine;
import dev.askpage.protocol.ErrorCode;
import dev.askpage.protocol.ProtocolException;
import dev.askpage.protocol.Replies;
import dev.askpage.protocol.Request;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code prepare} requests on their own thread, beside the ask worker, so that an ask about another page does not
 * wait behind one. Logs ids, sizes and timings, never page text.
 */
final class PrepareWorker {
  private static final Logger LOG = LoggerFactory.getLogger(PrepareWorker.class);

  private final ModelService models;
  private final PreparedPages pages;
  private final int maxPending;
  private final AtomicLong pendingChars;
  private final long maxPendingChars;
  private final BiConsumer<JsonElement, String> reply;
  private final AtomicInteger pending = new AtomicInteger();
  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "askpage-preparer");
    t.setDaemon(true);
    return t;
  });

  /**
   * @param maxPending prepares waiting or running before new ones get {@code busy}
   * @param pendingChars page text held by waiting requests, shared with the ask queue
   * @param maxPendingChars the most {@code pendingChars} may reach before new requests get {@code busy}
   * @param reply writes a reply frame for a request id (never throws)
   */
  PrepareWorker(ModelService models, PreparedPages pages, int maxPending, AtomicLong pendingChars,
      long maxPendingChars, BiConsumer<JsonElement, String> reply) {
    this.models = models;
    this.pages = pages;
    this.maxPending = maxPending;
    this.pendingChars = pendingChars;
    this.maxPendingChars = maxPendingChars;
    this.reply = reply;
  }

  /** Queues a prepare; called on the thread that reads frames, in their order. */
  void submit(Request.Prepare prepare) throws ProtocolException {
    if (pending.get() >= maxPending || pendingChars.get() + prepare.text().length() > maxPendingChars) {
      throw new ProtocolException(ErrorCode.BUSY, "too many pages are waiting to be prepared; try again");
    }
    // Claimed here, in arrival order: an ask for this text read after this frame reuses the work.
    PreparedPages.Claim claim = pages.claim(prepare.text());
    long received = System.nanoTime();
    pending.incrementAndGet();
    pendingChars.addAndGet(prepare.text().length());
    LOG.info("prepare {}: page {} chars", prepare.id(), prepare.text().length());
    thread.execute(() -> run(prepare, claim, received));
  }

  void shutdownNow() {
    thread.shutdownNow();
  }

  private void run(Request.Prepare prepare, PreparedPages.Claim claim, long receivedNanos) {
    try {
      QaEngine engine = models.engine();
      long t0 = System.nanoTime();
      PreparedPages.Lookup lookup = pages.prepare(claim, prepare.text(), engine);
      double prepareMs = (System.nanoTime() - t0) / 1e6;
      JsonObject result = new JsonObject();
      result.addProperty("pageId", lookup.pageId());
      result.addProperty("chars", prepare.text().length());
      result.addProperty("cacheHit", lookup.cacheHit());
      JsonObject timings = new JsonObject();
      timings.addProperty("tokenizeMs", round(lookup.cacheHit() ? 0 : lookup.page().tokenizeMs()));
      timings.addProperty("totalMs", round((System.nanoTime() - receivedNanos) / 1e6));
      result.add("timings", timings);
      reply.accept(prepare.id(), Replies.result(prepare.id(), "prepared", result));
      LOG.info("prepare {}: {} passages, {} ms (cache {})", prepare.id(), lookup.page().passages().size(),
          Math.round(prepareMs), lookup.cacheHit() ? "hit" : "miss");
    } catch (PageTooLargeException e) {
      LOG.info("prepare {}: page refused: {}", prepare.id(), e.getMessage());
      reply.accept(prepare.id(), Replies.error(prepare.id(), ErrorCode.PAGE_TOO_LARGE, e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reply.accept(prepare.id(), Replies.error(prepare.id(), ErrorCode.CANCELLED, "the host is ending"));
    } catch (RuntimeException | Error e) {
      // Error too (OutOfMemoryError above all): the prepare still gets its one reply, and the thread serves the next.
      LOG.error("prepare {}: internal error {}", prepare.id(), e.getClass().getName(), e);
      reply.accept(prepare.id(), Replies.error(prepare.id(), ErrorCode.INTERNAL, "internal error in the host: "
          + e.getClass().getSimpleName()));
    } finally {
      pages.abandon(claim);
      pending.decrementAndGet();
      pendingChars.addAndGet(-prepare.text().length());
    }
  }

  private static double round(double ms) {
    return Math.round(ms * 10) / 10.0;
  }
}
