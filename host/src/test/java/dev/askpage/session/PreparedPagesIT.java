package dev.askpage.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.askpage.engine.AskOptions;
import dev.askpage.engine.Cancellation;
import dev.askpage.engine.EngineFactory;
import dev.askpage.engine.EngineSettings;
import dev.askpage.engine.Mode;
import dev.askpage.engine.QaEngine;
import dev.askpage.engine.Result;
import dev.askpage.infer.ThreadPolicy;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model that finishes loading while a page is being prepared for the lexical engine: the requests that come after
 * it use the model, and must not be handed the lexical page (no token ids) that the prepare makes.
 */
class PreparedPagesIT {
  @TempDir static Path temp;
  private static QaEngine model;
  private static final QaEngine LEXICAL = QaEngine.lexical(EngineSettings.defaults());

  @BeforeAll
  static void loadTheOracle() throws Exception {
    model = EngineFactory.fromDirectory(TestModels.oracle(temp.resolve("oracle")), ThreadPolicy.defaults(),
        EngineSettings.defaults());
  }

  @AfterAll
  static void close() throws Exception {
    model.close();
  }

  @Test
  void anAskWithTheModelDoesNotTakeTheLexicalPageBeingPrepared() throws Exception {
    PreparedPages pages = new PreparedPages(new PageCache(16, 64L << 20));
    PreparedPages.Claim lexicalPrepare = pages.claim(TestModels.PAGE); // the prepare's frame, read before the ask's
    CompletableFuture<PreparedPages.Lookup> ask = onAnotherThread(() -> pages.forText(TestModels.PAGE, model));
    awaitWaiting();
    pages.prepare(lexicalPrepare, TestModels.PAGE, LEXICAL); // the prepare ran with the engine of before the load
    PreparedPages.Lookup lookup = ask.get(30, TimeUnit.SECONDS);

    assertTrue(lookup.page().tokenised(), "the model's ask got a page prepared for the lexical engine");
    assertTrue(PageCache.isTokenisedKey(lookup.pageId()), lookup.pageId());
    Result r = model.ask(lookup.page(), "Where does Big Bird live?", new AskOptions(1, 4), lookup.cacheHit(),
        Cancellation.NEVER);
    assertEquals(Mode.MODEL, r.mode());
    assertEquals(TestModels.ANSWER, r.answers().get(0).text());
  }

  @Test
  void aSecondPrepareWithTheModelGetsAnIdTheCacheHolds() throws Exception {
    PreparedPages pages = new PreparedPages(new PageCache(16, 64L << 20));
    PreparedPages.Claim first = pages.claim(TestModels.PAGE);
    PreparedPages.Claim second = pages.claim(TestModels.PAGE); // shares the first's work
    CompletableFuture<PreparedPages.Lookup> secondPrepare =
        onAnotherThread(() -> pages.prepare(second, TestModels.PAGE, model));
    awaitWaiting();
    PreparedPages.Lookup lexical = pages.prepare(first, TestModels.PAGE, LEXICAL);
    PreparedPages.Lookup prepared = secondPrepare.get(30, TimeUnit.SECONDS);

    assertFalse(PageCache.isTokenisedKey(lexical.pageId()));
    assertTrue(prepared.page().tokenised(), "the model's prepare got a page prepared for the lexical engine");
    assertTrue(pages.forId(prepared.pageId(), model).isPresent(),
        "the id a prepare gave must name a page the cache holds for this engine: " + prepared.pageId());
  }

  private interface Step {
    PreparedPages.Lookup run() throws Exception;
  }

  private static Thread stepThread;

  /** Runs {@code step} on a thread of its own (the ask worker or the prepare thread of a host). */
  private static CompletableFuture<PreparedPages.Lookup> onAnotherThread(Step step) {
    CompletableFuture<PreparedPages.Lookup> out = new CompletableFuture<>();
    stepThread = new Thread(() -> {
      try {
        out.complete(step.run());
      } catch (Exception | Error e) {
        out.completeExceptionally(e);
      }
    }, "askpage-test-step");
    stepThread.setDaemon(true);
    stepThread.start();
    return out;
  }

  /**
   * Waits until the step's thread waits for the work in flight (the prepare it found claimed): nothing else on its
   * way parks the thread, so the shared work is what it then sees.
   */
  private static void awaitWaiting() throws InterruptedException {
    while (stepThread.getState() != Thread.State.WAITING) {
      assertTrue(stepThread.isAlive(), "the step ended without waiting for the prepare in flight");
      Thread.sleep(5);
    }
  }
}
