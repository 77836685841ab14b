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
  private final WaitingRequests waiting;
  private final BiConsumer<JsonElement, String> reply;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "askpage-preparer");
    t.setDaemon(true);
    return t;
  });

  /**
   * @param waiting the prepares admitted and not yet finished, with the page text they hold (a bound shared with the
   *     asks)
   * @param reply writes a reply frame for a request id (never throws)
   */
  PrepareWorker(ModelService models, PreparedPages pages, WaitingRequests waiting,
      BiConsumer<JsonElement, String> reply) {
    this.models = models;
    this.pages = pages;
    this.waiting = waiting;
    this.reply = reply;
  }

  /** Queues a prepare; called on the thread that reads frames, in their order. */
  void submit(Request.Prepare prepare) throws ProtocolException {
    waiting.admit(prepare.heldChars());
    // Claimed here, in arrival order: an ask for this text read after this frame reuses the work.
    PreparedPages.Claim claim = pages.claim(prepare.text());
    long received = System.nanoTime();
    LOG.info("prepare {}: page {} chars", prepare.id(), prepare.text().length());
    thread.execute(() -> run(prepare, claim, received));
  }

  void shutdownNow() {
    thread.shutdownNow();
  }

  private void run(Request.Prepare prepare, PreparedPages.Claim claim, long receivedNanos) {
    try (ModelService.PagePreparation preparing = models.preparingPage()) {
      // While the first model loads: an engine with its tokenizer (the page is ready when the model is).
      QaEngine engine = models.pageEngine();
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
      LOG.info("prepare {}: {} passages, {} ms (cache {})", prepare.id(), lookup.page().passages().size(),
          Math.round(prepareMs), lookup.cacheHit() ? "hit" : "miss");
      reply.accept(prepare.id(), Replies.result(prepare.id(), "prepared", result)); // last: no second reply after it
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
      waiting.release(prepare.heldChars());
    }
  }

  private static double round(double ms) {
    return Math.round(ms * 10) / 10.0;
  }
}
