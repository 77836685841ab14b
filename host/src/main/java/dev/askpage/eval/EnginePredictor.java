package dev.askpage.eval;

import dev.askpage.engine.AskOptions;
import dev.askpage.engine.Cancellation;
import dev.askpage.engine.CancelledException;
import dev.askpage.engine.EngineFactory;
import dev.askpage.engine.EngineSettings;
import dev.askpage.engine.PreparedPage;
import dev.askpage.engine.QaEngine;
import dev.askpage.engine.Result;
import dev.askpage.infer.InferenceException;
import dev.askpage.infer.ModelLoadException;
import dev.askpage.infer.ThreadPolicy;
import java.nio.file.Path;

/** The QA engine as a SQuAD predictor: the best answer's text, or "" when it finds none. */
final class EnginePredictor implements Predictor {
  private final QaEngine engine;
  private String lastContext;
  private PreparedPage lastPage;

  private EnginePredictor(QaEngine engine) {
    this.engine = engine;
  }

  static EnginePredictor open(Path modelDir) throws EvalException {
    try {
      return new EnginePredictor(EngineFactory.fromDirectory(modelDir, ThreadPolicy.defaults(),
          EngineSettings.defaults()));
    } catch (ModelLoadException e) {
      throw new EvalException(e.getMessage());
    }
  }

  @Override
  public String predict(String context, String question) throws EvalException {
    // Page mode asks many questions of one article: prepare it once, as the host's page cache would.
    boolean hit = context.equals(lastContext);
    if (!hit) {
      lastPage = engine.prepare(context);
      lastContext = context;
    }
    try {
      Result r = engine.ask(lastPage, question, new AskOptions(1, engine.settings().defaultWindows()), hit,
          Cancellation.NEVER);
      return r.answers().isEmpty() ? "" : r.answers().get(0).text();
    } catch (InferenceException e) {
      throw new EvalException("the model failed: " + e.getMessage());
    } catch (CancelledException e) {
      throw new IllegalStateException("eval never cancels", e);
    }
  }

  @Override
  public void close() throws EvalException {
    try {
      engine.close();
    } catch (InferenceException e) {
      throw new EvalException(e.getMessage());
    }
  }
}
