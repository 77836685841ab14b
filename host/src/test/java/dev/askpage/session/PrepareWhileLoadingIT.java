package dev.askpage.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.askpage.engine.EngineSettings;
import dev.askpage.engine.Mode;
import dev.askpage.engine.PreparedPage;
import dev.askpage.engine.QaEngine;
import dev.askpage.infer.ThreadPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A page sent while the model is still loading is prepared with the model's tokenizer before the ONNX Runtime session
 * exists (the load is held just before it), and the model, once loaded, reads that very page by its id. The warm-up
 * waits for a page being prepared.
 */
class PrepareWhileLoadingIT {
  private static final long WAIT_SECONDS = 60;

  @TempDir Path temp;

  @Test
  void thePageEngineTokenisesAsTheModelWillBeforeTheSessionExists() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (ModelService models = heldAtSession(release)) {
      QaEngine early = CompletableFuture.supplyAsync(() -> pageEngine(models)).get(WAIT_SECONDS, TimeUnit.SECONDS);
      assertEquals("loading", models.state().state());
      assertTrue(early.tokenises());
      assertEquals(Mode.LEXICAL, early.mode(), "no model yet: it prepares pages, it answers nothing");
      PreparedPage before = early.prepare(TestModels.PAGE);

      release.countDown();
      QaEngine loaded = models.engine();
      assertEquals(Mode.MODEL, loaded.mode());
      assertSamePage(loaded.prepare(TestModels.PAGE), before);
      assertEquals(Mode.MODEL, models.pageEngine().mode(), "once loaded, pages are prepared by the model's engine");
    } finally {
      release.countDown();
    }
  }

  @Test
  void aPagePreparedWhileTheModelLoadsIsAnsweredByIdOnceItHas() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (ModelService models = heldAtSession(release); Connection host = new Connection(models)) {
      host.send(Requests.prepare("p-1", TestModels.PAGE));
      JsonObject prepared = host.await(reply -> "p-1".equals(idOf(reply))).getAsJsonObject("result");
      assertEquals("loading", models.state().state(), "prepared before the session was created");
      assertFalse(prepared.get("cacheHit").getAsBoolean());
      String pageId = prepared.get("pageId").getAsString();
      assertEquals(PageCache.key(TestModels.PAGE, true), pageId, "the id of a page tokenised for the model");

      release.countDown();
      host.send(Requests.askById("a-1", "where does big bird live?", pageId));
      JsonObject answers = host.await(reply -> "a-1".equals(idOf(reply))).getAsJsonObject("result");
      assertEquals("model", answers.get("mode").getAsString(), answers::toString);
      assertTrue(answers.getAsJsonObject("timings").get("cacheHit").getAsBoolean(), answers::toString);
      assertEquals(TestModels.ANSWER, answers.getAsJsonArray("answers").get(0).getAsJsonObject()
          .get("text").getAsString(), answers::toString);
    } finally {
      release.countDown();
    }
  }

  @Test
  void theWarmUpWaitsForAPageBeingPrepared() throws Exception {
    try (ModelService models = ModelService.start(Optional.of(TestModels.oracle(temp.resolve("m"))),
        ThreadPolicy.defaults(), EngineSettings.defaults())) {
      ModelService.PagePreparation preparing = models.preparingPage();
      models.engine(); // loaded: its warm-up would begin now
      Thread.sleep(500);
      assertFalse(models.firstWarmUp().isDone(), "the warm-up waits while a page is being prepared");
      preparing.close();
      assertEquals(ModelService.WarmUp.DONE, models.firstWarmUp().get(WAIT_SECONDS, TimeUnit.SECONDS));
    }
  }

  /** The oracle model, its load held after its vocabulary is read until {@code release}. */
  private ModelService heldAtSession(CountDownLatch release) throws IOException {
    return ModelService.start(Optional.of(TestModels.oracle(temp.resolve("m"))), ThreadPolicy.defaults(),
        EngineSettings.defaults(), () -> {
          try {
            release.await(WAIT_SECONDS, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
  }

  private static QaEngine pageEngine(ModelService models) {
    try {
      return models.pageEngine();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void assertSamePage(PreparedPage expected, PreparedPage actual) {
    assertArrayEquals(expected.tokens().ids(), actual.tokens().ids());
    assertArrayEquals(expected.tokens().starts(), actual.tokens().starts());
    assertArrayEquals(expected.tokens().ends(), actual.tokens().ends());
    assertEquals(expected.passages(), actual.passages());
  }

  private static String idOf(JsonObject reply) {
    return reply.has("id") && reply.get("id").isJsonPrimitive() ? reply.get("id").getAsString() : null;
  }

  /** A host session in this process, fed frames through a pipe; its replies are collected as they are written. */
  private static final class Connection implements AutoCloseable {
    private final PipedOutputStream input = new PipedOutputStream();
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final Thread serving;

    Connection(ModelService models) throws IOException {
      PipedInputStream in = new PipedInputStream(input, 1 << 16);
      OutputStream out = new OutputStream() {
        @Override
        public void write(int b) {
          synchronized (output) {
            output.write(b);
          }
        }

        @Override
        public void write(byte[] b, int off, int len) {
          synchronized (output) {
            output.write(b, off, len);
          }
        }
      };
      HostSession session = new HostSession(models, HostConfig.defaults(), "test");
      serving = new Thread(() -> session.run(in, out), "test-host-session");
      serving.setDaemon(true);
      serving.start();
    }

    void send(JsonObject request) throws IOException {
      input.write(HostProcess.frame(Requests.json(request).getBytes(StandardCharsets.UTF_8)));
      input.flush();
    }

    /** The first reply written that matches, waiting for it. */
    JsonObject await(Predicate<JsonObject> wanted) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
      while (System.nanoTime() < deadline) {
        byte[] bytes;
        synchronized (output) {
          bytes = output.toByteArray();
        }
        List<JsonObject> replies = HostProcess.parseAll(bytes);
        for (JsonObject reply : replies) {
          if (wanted.test(reply)) {
            return reply;
          }
        }
        Thread.sleep(10);
      }
      throw new AssertionError("no such reply in " + WAIT_SECONDS + " s");
    }

    @Override
    public void close() throws Exception {
      input.close(); // the session sees the input end and returns
      serving.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
      assertFalse(serving.isAlive(), "the session ended with its input");
    }
  }
}
