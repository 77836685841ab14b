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
    ModelDirectory model;
    Vocabulary vocab;
    try {
      model = ModelDirectory.read(dir);
      vocab = Vocabulary.load(model.vocabFile());
    } catch (ModelFormatException e) {
      throw new ModelLoadException(e.getMessage(), e);
    } catch (IOException e) {
      throw new ModelLoadException("cannot read the model directory " + dir + ": " + e, e);
    }
    QaModel session = QaModel.load(model.activeModelFile(), threads)
        .following(new ChosenModelFile(dir), model.manifest().precision());
    LoadedModel loaded = new LoadedModel(model.manifest().id(), session, model.manifest().predictsNoAnswer());
    return QaEngine.withModel(new WordPieceTokenizer(vocab), loaded, fitted(settings, session.fixedSequenceLength()));
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
