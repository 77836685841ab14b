package dev.askpage.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.askpage.engine.EngineSettings;
import dev.askpage.infer.InferenceException;
import dev.askpage.infer.QaModel;
import dev.askpage.infer.ThreadPolicy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model's warm-up runs once it has loaded (also a model installed while running, after questions), gives way to a
 * question, and is skipped without a model.
 */
class ModelWarmUpIT {
  @TempDir Path temp;

  @Test
  void runsAfterTheModelLoads() throws Exception {
    try (ModelService models = start(Optional.of(TestModels.oracle(temp.resolve("m"))))) {
      assertEquals(ModelService.WarmUp.DONE, models.firstWarmUp().get(60, TimeUnit.SECONDS));
    }
  }

  @Test
  void aQuestionStopsIt() throws Exception {
    try (ModelService models = start(Optional.of(TestModels.oracle(temp.resolve("m"))))) {
      models.stopWarmUp(); // what the host does when an ask comes, here before the model has even loaded
      assertEquals(ModelService.WarmUp.STOPPED, models.firstWarmUp().get(60, TimeUnit.SECONDS));
    }
  }

  @Test
  void theHostStopsItWhenAnAskComes() throws Exception {
    try (ModelService models = start(Optional.of(TestModels.oracle(temp.resolve("m"))))) {
      HostSession session = new HostSession(models, HostConfig.defaults(), "test");
      session.run(new ByteArrayInputStream(askFrame()), new ByteArrayOutputStream());
      // Read before close(), which stops a warm-up too.
      assertEquals(ModelService.WarmUp.STOPPED, models.firstWarmUp().get(60, TimeUnit.SECONDS));
    }
  }

  @Test
  void aModelInstalledAfterAQuestionIsWarmedUp() throws Exception {
    Path dir = temp.resolve("models").resolve("m");
    try (ModelService models = start(Optional.of(dir))) {
      assertEquals(ModelService.WarmUp.NONE, models.firstWarmUp().get(60, TimeUnit.SECONDS));
      HostSession session = new HostSession(models, HostConfig.defaults(), "test");
      session.run(new ByteArrayInputStream(askFrame()), new ByteArrayOutputStream()); // answered lexically

      Path staging = TestModels.oracle(temp.resolve("staging"));
      Files.createDirectories(dir.getParent());
      Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!models.state().state().equals("ready") && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertEquals("ready", models.state().state());
      assertEquals(ModelService.WarmUp.DONE, models.latestWarmUp().get(60, TimeUnit.SECONDS));
    }
  }

  @Test
  void aWarmUpCallUnderWayCanBeEndedAndTheModelGoesOn() throws Exception {
    Path dir = TestModels.fullMobileBert(temp.resolve("full"));
    try (QaModel model = QaModel.load(dir.resolve("model.onnx"), ThreadPolicy.defaults())) {
      int[][] windows = new int[24][384]; // some 24 windows' work: long under way when it is ended
      for (int[] w : windows) {
        java.util.Arrays.fill(w, 1000);
      }
      int[] starts = new int[24];
      java.util.Arrays.fill(starts, 20);
      CompletableFuture<Object> outcome = CompletableFuture.supplyAsync(() -> {
        try {
          return model.runInterruptibly(windows, starts);
        } catch (InferenceException e) {
          return e;
        }
      });
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!model.interruptibleRunUnderWay() && !outcome.isDone() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertTrue(model.interruptibleRunUnderWay(), "the run is under way");
      model.endInterruptibleRun();
      assertInstanceOf(InferenceException.class, outcome.get(60, TimeUnit.SECONDS), "the run was ended, not finished");
      // A later run, interruptible or not, is not ended by it.
      assertEquals(1, model.run(new int[][] {{101, 1000, 102, 1001, 102}}, new int[] {3}).start().length);
      assertEquals(1, model.runInterruptibly(new int[][] {{101, 1000, 102, 1001, 102}}, new int[] {3}).start().length);
      model.endInterruptibleRun(); // nothing under way: nothing happens
    }
  }

  @Test
  void noModelNoWarmUp() throws Exception {
    try (ModelService models = start(Optional.of(temp.resolve("none")))) {
      assertEquals(ModelService.WarmUp.NONE, models.firstWarmUp().get(60, TimeUnit.SECONDS));
    }
  }

  /** One ask, framed as the browser sends it. */
  private static byte[] askFrame() {
    return HostProcess.frame(Requests.json(Requests.ask(1, "Where does Big Bird live?", TestModels.PAGE))
        .getBytes(StandardCharsets.UTF_8));
  }

  private static ModelService start(Optional<Path> dir) {
    return ModelService.start(dir, ThreadPolicy.defaults(), EngineSettings.defaults());
  }
}
