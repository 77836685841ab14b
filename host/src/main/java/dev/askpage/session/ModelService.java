package dev.askpage.session;

import com.google.gson.JsonNull;
import dev.askpage.engine.Cancellation;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
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
 * <p>A model, once loaded, is warmed up on the same thread ({@link QaEngine#warmUp}) unless a question for it has
 * come. Each load has its own stop flag: a question stops the warm-up of the load it is answered by (or waits for), so a
 * model installed while the host runs is still warmed up after earlier questions. A warm-up waits to begin while a
 * page is being prepared ({@link #preparingPage}): on two cores it would halve the speed of the user's own page.
 *
 * <p>Pages can be prepared before the first model has loaded: as soon as its vocabulary is read,
 * {@link #pageEngine()} gives an engine that tokenises as the model's will, so a page sent when the find bar opens is
 * tokenised while the ONNX Runtime session is created rather than after it.
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
  /** Runs between reading the first model's files and creating its session (tests hold the load there). */
  private final Runnable beforeSession;
  private final CompletableFuture<Loaded> firstLoad = new CompletableFuture<>();
  /** What prepares pages until the first load ends: its tokenizer once read, else the first load's engine. */
  private final CompletableFuture<QaEngine> firstPageEngine = new CompletableFuture<>();
  private final Object preparationLock = new Object();
  /** Pages being prepared now; guarded by {@link #preparationLock}. */
  private int pagesPreparing;
  private volatile Loaded current;
  private boolean reloading;
  private long nextCheckNanos;
  private FileTime failedManifestTime;
  /**
   * The warm-up stop flag of the load whose engine the next question gets: the first load's until it is published
   * (questions wait for it), then the published load's.
   */
  private volatile AtomicBoolean warmUpStop = new AtomicBoolean();
  private volatile boolean closed;
  private final CompletableFuture<WarmUp> firstWarmUp = new CompletableFuture<>();
  private volatile CompletableFuture<WarmUp> latestWarmUp = firstWarmUp;

  /** How a model's warm-up ended. */
  enum WarmUp { DONE, STOPPED, NONE, FAILED }

  /** A load's engine and state, and the flag that stops its warm-up. */
  private record Loaded(QaEngine engine, ModelState state, AtomicBoolean warmUpStop) {
    boolean usable() {
      return state.state().equals("ready");
    }
  }

  private ModelService(Optional<Path> modelDir, ThreadPolicy threads, EngineSettings settings,
      Runnable beforeSession) {
    this.modelDir = modelDir;
    this.threads = threads;
    this.settings = settings;
    this.beforeSession = beforeSession;
  }

  /** Starts loading on a daemon thread; an absent directory means lexical mode. */
  public static ModelService start(Optional<Path> modelDir, ThreadPolicy threads, EngineSettings settings) {
    return start(modelDir, threads, settings, () -> {});
  }

  /** As {@link #start(Optional, ThreadPolicy, EngineSettings)}, running {@code beforeSession} before the session. */
  static ModelService start(Optional<Path> modelDir, ThreadPolicy threads, EngineSettings settings,
      Runnable beforeSession) {
    ModelService service = new ModelService(modelDir, threads, settings, beforeSession);
    AtomicBoolean stop = service.warmUpStop;
    daemon(() -> {
      Loaded loaded = service.publish(service.load(stop, service.firstPageEngine::complete));
      service.firstLoad.complete(loaded);
      service.firstPageEngine.complete(loaded.engine()); // when no vocabulary was read (no model, or unreadable)
      service.firstWarmUp.complete(service.warmUp(loaded));
    }, "askpage-model-loader").start();
    return service;
  }

  /**
   * Tells the warm-up of the engine questions get now (or the first one, still loading) to stop, ending its ONNX
   * Runtime call under way at the next operator: a question wants the engine, and must not wait for a batch of
   * windows nobody asked about. A model loaded later has its own warm-up.
   */
  public void stopWarmUp() {
    AtomicBoolean stop = warmUpStop;
    stop.set(true);
    Loaded loaded = current;
    if (loaded != null && loaded.warmUpStop() == stop) {
      loaded.engine().endWarmUpCall();
    }
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
    try {
      awaitNoPagePreparation(loaded);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return WarmUp.STOPPED;
    }
    long t0 = System.nanoTime();
    try {
      Cancellation stopped = new Cancellation() {
        @Override
        public boolean isCancelled() {
          return closed || loaded.warmUpStop().get();
        }

        @Override
        public boolean endsModelCalls() {
          return true; // stopWarmUp ends the call under way
        }
      };
      loaded.engine().warmUp(stopped, result -> Replies.result(JsonNull.INSTANCE, "answers",
          AnswersJson.of(result, Limits.defaults().maxAnswerChars(), 0)));
      LOG.info("warm-up {} in {} ms", stopped.isCancelled() ? "stopped by a question" : "done",
          (System.nanoTime() - t0) / 1_000_000);
      return stopped.isCancelled() ? WarmUp.STOPPED : WarmUp.DONE;
    } catch (InferenceException | RuntimeException e) {
      LOG.warn("the model's warm-up failed: {}", e.getMessage());
      return WarmUp.FAILED;
    }
  }

  /** Waits while pages are being prepared, unless the warm-up is stopped (a question came) or the host is closing. */
  private void awaitNoPagePreparation(Loaded loaded) throws InterruptedException {
    synchronized (preparationLock) {
      while (pagesPreparing > 0 && !closed && !loaded.warmUpStop().get()) {
        preparationLock.wait(100); // a stop is seen within this; preparations ending notify
      }
    }
  }

  /** A page being prepared; {@link #close} when it is done (a warm-up waits for none to be left). */
  public final class PagePreparation implements AutoCloseable {
    private boolean ended;

    private PagePreparation() {}

    @Override
    public void close() {
      synchronized (preparationLock) {
        if (!ended) {
          ended = true;
          pagesPreparing--;
          preparationLock.notifyAll();
        }
      }
    }
  }

  /** Marks a page being prepared until the returned value is closed: a warm-up not yet begun waits for it. */
  public PagePreparation preparingPage() {
    synchronized (preparationLock) {
      pagesPreparing++;
      return new PagePreparation();
    }
  }

  /** How the first model's warm-up ended, once it has (tests). */
  CompletableFuture<WarmUp> firstWarmUp() {
    return firstWarmUp;
  }

  /** How the warm-up of the latest load (a model installed while running, or the first) ended, once it has (tests). */
  CompletableFuture<WarmUp> latestWarmUp() {
    return latestWarmUp;
  }

  /**
   * The settings of the engine answering now, without waiting: the loaded model's (its windows fitted to a fixed
   * sequence length, see {@link EngineFactory}); the host's own until the first loading ends.
   */
  public EngineSettings settings() {
    Loaded loaded = current;
    return loaded == null ? settings : loaded.engine().settings();
  }

  /**
   * Loads the model directory: the engine and its state, lexical when there is no usable model. {@code pageEngine}
   * gets an engine that prepares pages as the model's will, once the vocabulary is read and before the session is
   * created.
   */
  private Loaded load(AtomicBoolean warmUpStop, Consumer<QaEngine> pageEngine) {
    if (modelDir.isEmpty() || !Files.isDirectory(modelDir.get())) {
      LOG.info("no model installed; lexical mode");
      return new Loaded(QaEngine.lexical(settings), new ModelState("missing", null, INSTALL_HINT), warmUpStop);
    }
    Path dir = modelDir.get();
    long t0 = System.nanoTime();
    try {
      EngineFactory.ModelFiles files = EngineFactory.read(dir);
      pageEngine.accept(files.pagePreparer(settings));
      beforeSession.run();
      QaEngine engine = EngineFactory.withSession(files, threads, settings);
      String id = engine.modelId().orElse(dir.getFileName().toString());
      LOG.info("model {} ready in {} ms", id, (System.nanoTime() - t0) / 1_000_000);
      return new Loaded(engine, new ModelState("ready", id, null), warmUpStop);
    } catch (ModelLoadException | RuntimeException | LinkageError e) {
      // LinkageError: ONNX Runtime's native library is missing or does not load on this system. Whatever fails, the
      // loading must complete, or hello would say "loading" forever and every ask would wait.
      String message = "The installed model cannot be loaded (" + e.getMessage()
          + "); answers are the best-matching sentences. Reinstall it with: askpage model install";
      LOG.warn("model at {} is broken: {}", dir, e.getMessage());
      return new Loaded(QaEngine.lexical(settings), new ModelState("broken", dir.getFileName().toString(), message),
          warmUpStop);
    }
  }

  /**
   * Makes {@code loaded} the current engine, and its warm-up the one questions stop; a broken model's manifest time is
   * kept, so that only a change retries.
   */
  private synchronized Loaded publish(Loaded loaded) {
    failedManifestTime = loaded.state().state().equals("broken") ? manifestTime().orElse(null) : null;
    current = loaded;
    warmUpStop = loaded.warmUpStop();
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
    // Its own warm-up flag: questions answered lexically meanwhile do not stop the new model's warm-up.
    CompletableFuture<WarmUp> warmedUp = new CompletableFuture<>();
    latestWarmUp = warmedUp;
    // Pages prepared meanwhile are the lexical engine's (the model is not published yet): no early page engine.
    daemon(() -> warmedUp.complete(warmUp(publish(load(new AtomicBoolean(), engine -> {})))),
        "askpage-model-reloader").start();
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
    return loaded().engine();
  }

  /**
   * The engine pages are prepared with: {@link #engine()}, except while the first model is being loaded, when it is
   * one with that model's tokenizer, from as soon as its vocabulary is read: the pages it prepares are those the
   * model's engine would prepare (the same page ids), so they are ready when the model is, not only after it.
   */
  public QaEngine pageEngine() throws InterruptedException {
    if (!firstLoad.isDone()) {
      QaEngine early;
      try {
        early = firstPageEngine.get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("model loading never fails exceptionally", e);
      }
      if (!firstLoad.isDone()) {
        return early;
      }
    }
    return engine();
  }

  /**
   * The engine a question is answered by, as {@link #engine()}, with that engine's warm-up stopped: a question
   * that came while a newly installed model was being published gets it without waiting for its warm-up.
   */
  public QaEngine engineForQuestion() throws InterruptedException {
    Loaded loaded = loaded();
    loaded.warmUpStop().set(true);
    loaded.engine().endWarmUpCall();
    return loaded.engine();
  }

  private Loaded loaded() throws InterruptedException {
    try {
      firstLoad.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("model loading never fails exceptionally", e);
    }
    lookAgainIfDue();
    return current;
  }

  private static Thread daemon(Runnable body, String name) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    return thread;
  }

  @Override
  public void close() {
    closed = true;
    Loaded loaded = current;
    if (loaded != null) {
      loaded.engine().endWarmUpCall(); // a warm-up under way would hold the model until its call ends
      try {
        loaded.engine().close();
      } catch (Exception e) {
        LOG.debug("closing the engine: {}", e.getMessage());
      }
    }
  }
}
