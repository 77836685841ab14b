package dev.askpage.session;

import dev.askpage.engine.EngineSettings;
import dev.askpage.engine.QaEngine;
import dev.askpage.engine.EngineFactory;
import dev.askpage.infer.ModelLoadException;
import dev.askpage.infer.ThreadPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the engine once, in the background from start-up, so that {@code hello} answers at once and the first
 * {@code ask} waits only for what is left of the loading.
 */
public final class ModelService implements AutoCloseable {
  /** What the user is told when no model is installed. */
  public static final String INSTALL_HINT =
      "No model is installed, so answers are the best-matching sentences. Install the model with: askpage model install";

  private static final Logger LOG = LoggerFactory.getLogger(ModelService.class);

  private final Optional<Path> modelDir;
  private final EngineSettings settings;
  private final CompletableFuture<Loaded> loading = new CompletableFuture<>();

  private record Loaded(QaEngine engine, ModelState state) {}

  private ModelService(Optional<Path> modelDir, EngineSettings settings) {
    this.modelDir = modelDir;
    this.settings = settings;
  }

  /** Starts loading on a daemon thread; an absent directory means lexical mode. */
  public static ModelService start(Optional<Path> modelDir, ThreadPolicy threads, EngineSettings settings) {
    ModelService service = new ModelService(modelDir, settings);
    Thread loader = new Thread(() -> service.load(threads), "askpage-model-loader");
    loader.setDaemon(true);
    loader.start();
    return service;
  }

  /** The engine settings every engine of this service uses (known before loading ends). */
  public EngineSettings settings() {
    return settings;
  }

  private void load(ThreadPolicy threads) {
    if (modelDir.isEmpty() || !Files.isDirectory(modelDir.get())) {
      loading.complete(new Loaded(QaEngine.lexical(settings), new ModelState("missing", null, INSTALL_HINT)));
      LOG.info("no model installed; lexical mode");
      return;
    }
    Path dir = modelDir.get();
    long t0 = System.nanoTime();
    try {
      QaEngine engine = EngineFactory.fromDirectory(dir, threads, settings);
      String id = engine.modelId().orElse(dir.getFileName().toString());
      loading.complete(new Loaded(engine, new ModelState("ready", id, null)));
      LOG.info("model {} ready in {} ms", id, (System.nanoTime() - t0) / 1_000_000);
    } catch (ModelLoadException | RuntimeException | LinkageError e) {
      // LinkageError: ONNX Runtime's native library is missing or does not load on this system. Whatever fails, the
      // loading must complete, or hello would say "loading" forever and every ask would wait.
      String message = "The installed model cannot be loaded (" + e.getMessage()
          + "); answers are the best-matching sentences. Reinstall it with: askpage model install";
      loading.complete(new Loaded(QaEngine.lexical(settings),
          new ModelState("broken", dir.getFileName().toString(), message)));
      LOG.warn("model at {} is broken: {}", dir, e.getMessage());
    }
  }

  /** The state right now, without waiting. */
  public ModelState state() {
    Loaded loaded = loading.getNow(null);
    if (loaded == null) {
      return new ModelState("loading", modelDir.map(d -> d.getFileName().toString()).orElse(null), null);
    }
    return loaded.state().withPrecision(loaded.engine().modelPrecision().orElse(null));
  }

  /** The engine, waiting for the loading to finish. */
  public QaEngine engine() throws InterruptedException {
    try {
      return loading.get().engine();
    } catch (ExecutionException e) {
      throw new IllegalStateException("model loading never fails exceptionally", e);
    }
  }

  @Override
  public void close() {
    Loaded loaded = loading.getNow(null);
    if (loaded != null) {
      try {
        loaded.engine().close();
      } catch (Exception e) {
        LOG.debug("closing the engine: {}", e.getMessage());
      }
    }
  }
}
