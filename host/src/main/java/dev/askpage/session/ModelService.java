package dev.askpage.session;

import com.google.gson.JsonNull;
import dev.askpage.engine.EngineSettings;
import dev.askpage.engine.QaEngine;
import dev.askpage.engine.EngineFactory;
import dev.askpage.infer.InferenceException;
import dev.askpage.infer.ModelLoadException;
import dev.askpage.infer.ThreadPolicy;
import dev.askpage.models.ModelDirectory;
import dev.askpage.protocol.Limits;
import dev.askpage.protocol.Replies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the engine once, in the background from start-up, so that {@code hello} answers at once and the first
 * {@code ask} waits only for what is left of the loading.
 *
 * <p>A host that started without a usable model (none installed, or a broken one) looks again, at most once a
 * {@link #RECHECK_INTERVAL}, whenever it is asked for its engine or state: a model installed (or repaired) since is
 * loaded in the background, {@code hello} says {@code loading} meanwhile, asks go on lexically until it is ready, and
 * from then on they use it. A user who follows the "install the model" notice need not restart the browser.
 *
 * <p>A model, once loaded, is warmed up on the same thread ({@link QaEngine#warmUp}) unless a question has come.
 */
public final class ModelService implements AutoCloseable {
  /** What the user is told when no model is installed. */
  public static final String INSTALL_HINT =
      "No model is installed, so answers are the best-matching sentences. Install the model with: askpage model install";

  /** How often a host without a usable model looks for one. */
  static final Duration RECHECK_INTERVAL = Duration.ofSeconds(1);

  private static final Logger LOG = LoggerFactory.getLogger(ModelService.class);

  private final Optional<Path> modelDir;
  private final ThreadPolicy threads;
  private final EngineSettings settings;
  private final CompletableFuture<Loaded> firstLoad = new CompletableFuture<>();
  private volatile Loaded current;
  private boolean reloading;
  private long nextCheckNanos;
  private FileTime failedManifestTime;
  private volatile boolean warmUpStopped;
  private final CompletableFuture<WarmUp> firstWarmUp = new CompletableFuture<>();

  /** How the first model's warm-up ended. */
  enum WarmUp { DONE, STOPPED, NONE, FAILED }

  private record Loaded(QaEngine engine, ModelState state) {
    boolean usable() {
      return state.state().equals("ready");
    }
  }

  private ModelService(Optional<Path> modelDir, ThreadPolicy threads, EngineSettings settings) {
    this.modelDir = modelDir;
    this.threads = threads;
    this.settings = settings;
  }

  /** Starts loading on a daemon thread; an absent directory means lexical mode. */
  public static ModelService start(Optional<Path> modelDir, ThreadPolicy threads, EngineSettings settings) {
    ModelService service = new ModelService(modelDir, threads, settings);
    daemon(() -> {
      Loaded loaded = service.publish(service.load());
      service.firstLoad.complete(loaded);
      service.firstWarmUp.complete(service.warmUp(loaded));
    }, "askpage-model-loader").start();
    return service;
  }

  /**
   * Tells a warm-up that is still running to stop at its next step (the ONNX Runtime call under way ends first): a
   * question wants the engine.
   */
  public void stopWarmUp() {
    warmUpStopped = true;
  }

  /**
   * Runs a loaded model's warm-up ({@link QaEngine#warmUp}) while the user types, writing its replies as a reply to
   * the browser would be written and dropping them. Whatever goes wrong is only logged: the user's question then
   * meets it, with its own error.
   */
  private WarmUp warmUp(Loaded loaded) {
    if (!loaded.usable()) {
      return WarmUp.NONE;
    }
    long t0 = System.nanoTime();
    try {
      loaded.engine().warmUp(() -> warmUpStopped, result -> Replies.result(JsonNull.INSTANCE, "answers",
          AnswersJson.of(result, Limits.defaults().maxAnswerChars(), 0)));
      LOG.info("warm-up {} in {} ms", warmUpStopped ? "stopped by a question" : "done",
          (System.nanoTime() - t0) / 1_000_000);
      return warmUpStopped ? WarmUp.STOPPED : WarmUp.DONE;
    } catch (InferenceException | RuntimeException e) {
      LOG.warn("the model's warm-up failed: {}", e.getMessage());
      return WarmUp.FAILED;
    }
  }

  /** How the first model's warm-up ended, once it has (tests). */
  CompletableFuture<WarmUp> firstWarmUp() {
    return firstWarmUp;
  }

  /**
   * The settings of the engine answering now, without waiting: the loaded model's (its windows fitted to a fixed
   * sequence length, see {@link EngineFactory}); the host's own until the first loading ends.
   */
  public EngineSettings settings() {
    Loaded loaded = current;
    return loaded == null ? settings : loaded.engine().settings();
  }

  /** Loads the model directory: the engine and its state, lexical when there is no usable model. */
  private Loaded load() {
    if (modelDir.isEmpty() || !Files.isDirectory(modelDir.get())) {
      LOG.info("no model installed; lexical mode");
      return new Loaded(QaEngine.lexical(settings), new ModelState("missing", null, INSTALL_HINT));
    }
    Path dir = modelDir.get();
    long t0 = System.nanoTime();
    try {
      QaEngine engine = EngineFactory.fromDirectory(dir, threads, settings);
      String id = engine.modelId().orElse(dir.getFileName().toString());
      LOG.info("model {} ready in {} ms", id, (System.nanoTime() - t0) / 1_000_000);
      return new Loaded(engine, new ModelState("ready", id, null));
    } catch (ModelLoadException | RuntimeException | LinkageError e) {
      // LinkageError: ONNX Runtime's native library is missing or does not load on this system. Whatever fails, the
      // loading must complete, or hello would say "loading" forever and every ask would wait.
      String message = "The installed model cannot be loaded (" + e.getMessage()
          + "); answers are the best-matching sentences. Reinstall it with: askpage model install";
      LOG.warn("model at {} is broken: {}", dir, e.getMessage());
      return new Loaded(QaEngine.lexical(settings), new ModelState("broken", dir.getFileName().toString(), message));
    }
  }

  /** Makes {@code loaded} the current engine; a broken model's manifest time is kept, so that only a change retries. */
  private synchronized Loaded publish(Loaded loaded) {
    failedManifestTime = loaded.state().state().equals("broken") ? manifestTime().orElse(null) : null;
    current = loaded;
    reloading = false;
    nextCheckNanos = System.nanoTime() + RECHECK_INTERVAL.toNanos();
    return loaded;
  }

  /**
   * Without a usable model, and at most once an interval: starts loading the directory again when a model is there
   * now that was not (or a broken one's manifest changed).
   */
  private synchronized void lookAgainIfDue() {
    Loaded loaded = current;
    if (loaded == null || loaded.usable() || reloading || System.nanoTime() < nextCheckNanos) {
      return;
    }
    nextCheckNanos = System.nanoTime() + RECHECK_INTERVAL.toNanos();
    Optional<FileTime> manifest = manifestTime();
    if (manifest.isEmpty() || manifest.get().equals(failedManifestTime)) {
      return;
    }
    reloading = true;
    LOG.info("a model was installed in {} while running; loading it", modelDir.orElseThrow());
    daemon(() -> warmUp(publish(load())), "askpage-model-reloader").start();
  }

  /** When the model directory's manifest was last changed; empty when there is none. */
  private Optional<FileTime> manifestTime() {
    if (modelDir.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.getLastModifiedTime(modelDir.get().resolve(ModelDirectory.MANIFEST_FILE)));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The state right now, without waiting: {@code loading} while a model (first or newly installed) loads. */
  public ModelState state() {
    Loaded loaded = current;
    if (loaded == null) {
      return loadingState();
    }
    lookAgainIfDue();
    synchronized (this) {
      if (reloading) {
        return loadingState();
      }
    }
    return loaded.state().withPrecision(loaded.engine().modelPrecision().orElse(null));
  }

  /** The state while a model loads: {@code loading}, naming the model directory. */
  private ModelState loadingState() {
    return new ModelState("loading", modelDir.map(d -> d.getFileName().toString()).orElse(null), null);
  }

  /**
   * The engine, waiting for the first loading to finish. While a newly installed model loads it is the lexical one
   * (an ask does not wait for a model the user may be installing at that moment).
   */
  public QaEngine engine() throws InterruptedException {
    try {
      firstLoad.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("model loading never fails exceptionally", e);
    }
    lookAgainIfDue();
    return current.engine();
  }

  private static Thread daemon(Runnable body, String name) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    return thread;
  }

  @Override
  public void close() {
    warmUpStopped = true;
    Loaded loaded = current;
    if (loaded != null) {
      try {
        loaded.engine().close();
      } catch (Exception e) {
        LOG.debug("closing the engine: {}", e.getMessage());
      }
    }
  }
}
