package dev.askpage.engine;

import dev.askpage.infer.ChosenModelFile;
import dev.askpage.infer.ModelLoadException;
import dev.askpage.infer.QaModel;
import dev.askpage.infer.ThreadPolicy;
import dev.askpage.models.ModelDirectory;
import dev.askpage.models.ModelFormatException;
import dev.askpage.tokenizer.Vocabulary;
import dev.askpage.tokenizer.WordPieceTokenizer;
import java.io.IOException;
import java.nio.file.Path;

/** Builds a model-backed engine from a model directory ({@code model.onnx}, {@code vocab.txt}, {@code model.json}). */
public final class EngineFactory {
  private EngineFactory() {}

  /** Reads the directory, loads the vocabulary and creates the ONNX Runtime session. */
  public static QaEngine fromDirectory(Path dir, ThreadPolicy threads, EngineSettings settings)
      throws ModelLoadException {
    return withSession(read(dir), threads, settings);
  }

  /**
   * A model directory read and its vocabulary loaded, before the ONNX Runtime session (the slow part) is created:
   * enough to tokenise pages as the model will read them.
   */
  public record ModelFiles(Path dir, ModelDirectory model, WordPieceTokenizer tokenizer) {
    /**
     * An engine that prepares pages exactly as the model's engine will (the same tokenizer, the same passage size:
     * fitting windows to a fixed sequence length changes neither), while the session is still being created.
     */
    public QaEngine pagePreparer(EngineSettings settings) {
      return QaEngine.tokenizedWithoutModel(tokenizer, settings);
    }
  }

  /** Reads the directory's manifest and loads its vocabulary. */
  public static ModelFiles read(Path dir) throws ModelLoadException {
    try {
      ModelDirectory model = ModelDirectory.read(dir);
      return new ModelFiles(dir, model, new WordPieceTokenizer(Vocabulary.load(model.vocabFile())));
    } catch (ModelFormatException e) {
      throw new ModelLoadException(e.getMessage(), e);
    } catch (IOException e) {
      throw new ModelLoadException("cannot read the model directory " + dir + ": " + e, e);
    }
  }

  /** Creates the ONNX Runtime session of a directory read by {@link #read}: the engine, with its tokenizer. */
  public static QaEngine withSession(ModelFiles files, ThreadPolicy threads, EngineSettings settings)
      throws ModelLoadException {
    ModelDirectory model = files.model();
    QaModel session = QaModel.load(model.activeModelFile(), threads)
        .following(new ChosenModelFile(files.dir()), model.manifest().precision());
    LoadedModel loaded = new LoadedModel(model.manifest().id(), session, model.manifest().predictsNoAnswer());
    return QaEngine.withModel(files.tokenizer(), loaded, fitted(settings, session.fixedSequenceLength()));
  }

  /** The settings with windows planned to fit a model of fixed sequence length (0: any length, unchanged). */
  static EngineSettings fitted(EngineSettings settings, int fixedSequence) {
    if (fixedSequence == 0 || fixedSequence >= settings.maxSequence()) {
      return settings;
    }
    // A quarter of the positions at most for the question keeps room for the passage in short fixed exports.
    return settings.withWindowShape(fixedSequence, Math.min(settings.stride(), fixedSequence / 2),
        Math.min(settings.maxQuestionTokens(), fixedSequence / 4));
  }
}
