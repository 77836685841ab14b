package dev.askpage.eval;

import dev.askpage.eval.SquadDataset.Article;
import dev.askpage.eval.SquadDataset.Paragraph;
import dev.askpage.eval.SquadDataset.Question;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code askpage eval}: scores a predictions file, or the QA engine on a model folder, on a SQuAD dev set. */
@Command(
    name = "eval",
    description = {
      "Scores answers on a SQuAD dev set with the official metrics:",
      "v1.1: EM and F1; v2.0: EM and F1, also for HasAns and NoAns.",
      "The version follows the data set file. Questions without a prediction score 0.",
      "Progress and messages go to stderr; the table (or --json) to stdout."
    })
public final class EvalCommand implements Callable<Integer> {
  /** Exit status when the data, the predictions or the engine cannot be used. */
  public static final int EXIT_FAILED = 1;

  private static final int MISSING_IDS_SHOWN = 10;

  /** Opens a predictor on a model folder (the QA engine). */
  @FunctionalInterface
  public interface EngineOpener {
    /** A predictor backed by the model in {@code modelDir}; the caller closes it. */
    Predictor open(Path modelDir) throws EvalException;
  }

  static final class Source {
    @Option(names = "--predictions", paramLabel = "FILE", required = true,
        description = "Predictions JSON ({\"question id\": \"answer text\"}, \"\" = no answer), as the official "
            + "scripts read it.")
    Path predictions;

    @Option(names = "--model", paramLabel = "DIR", required = true,
        description = "Model folder: run the QA engine on every question.")
    Path model;

    @Option(names = "--retrieval", required = true,
        description = "No model: for every answerable question asked of its whole article, is a gold answer inside "
            + "the windows the engine reads? Reported at budgets 1, 2, 4, 8 and the default.")
    boolean retrieval;
  }

  @Option(names = "--vocab", paramLabel = "FILE",
      description = "With --retrieval: WordPiece vocabulary (default ../shared/data/bert-base-uncased-vocab.txt).")
  Path vocab;

  @Spec CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Option(names = "--squad", paramLabel = "FILE", required = true,
      description = "SQuAD dev set: dev-v1.1.json or dev-v2.0.json.")
  Path squad;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  @Option(names = "--page-mode",
      description = "With --model: ask each question of its whole article (paragraphs joined by a blank line), as "
          + "the extension does with a page, instead of its own paragraph.")
  boolean pageMode;

  @Option(names = "--write-predictions", paramLabel = "FILE",
      description = "With --model: also write the answers as a predictions file (the official scripts read it).")
  Path writePredictions;

  @Option(names = "--compare", paramLabel = "DIR2",
      description = "With --model: also run the engine on a second model folder (e.g. the int8 variant made by "
          + "askpage model quantize) on the same questions; print both scores and the questions where they differ.")
  Path compare;

  @Option(names = "--json", description = "Print the scores as JSON (the official scripts' keys) instead of a table.")
  boolean json;

  private final EngineOpener engineOpener;

  /** The command with the default engine ({@link #openEngine}). */
  public EvalCommand() {
    this(EvalCommand::openEngine);
  }

  /** The command with another engine behind {@code --model} (tests, other back ends). */
  public EvalCommand(EngineOpener engineOpener) {
    this.engineOpener = engineOpener;
  }

  /**
   * The engine behind {@code --model DIR}: the QA engine (tokenizer, windows, ONNX Runtime, span decoder) on the model
   * folder, answering "" when it finds no answer.
   */
  static Predictor openEngine(Path modelDir) throws EvalException {
    return EnginePredictor.open(modelDir);
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      if (pageMode && source.model == null) {
        throw new EvalException("--page-mode needs --model");
      }
      if (writePredictions != null && source.model == null) {
        throw new EvalException("--write-predictions needs --model");
      }
      SquadDataset dataset = SquadDataset.read(squad);
      if (source.retrieval) {
        out.print(retrievalTable(dataset, err));
        out.flush();
        return 0;
      }
      if (compare != null) {
        if (source.model == null) {
          throw new EvalException("--compare needs --model");
        }
        EvalComparison comparison = compare(dataset, err);
        out.print(json ? comparison.toJson() + System.lineSeparator() : comparison.toTable());
        out.flush();
        return 0;
      }
      Map<String, String> predictions;
      String sourceName;
      double seconds = -1;
      if (source.predictions != null) {
        predictions = PredictionsFile.read(source.predictions);
        sourceName = "predictions " + source.predictions.getFileName();
      } else {
        sourceName = "model " + source.model;
        long start = System.nanoTime();
        try (Predictor predictor = engineOpener.open(source.model)) {
          ProgressBar progress = ProgressBar.on(err, "eval", dataset.questionCount());
          predictions = predictAll(dataset, predictor, pageMode, progress);
          progress.finish();
        }
        seconds = (System.nanoTime() - start) / 1e9;
        if (writePredictions != null) {
          PredictionsFile.write(writePredictions, predictions);
        }
      }
      SquadScores scores = SquadMetrics.evaluate(dataset, predictions);
      reportMissing(scores.missing(), err);
      EvalReport report = new EvalReport(squad.getFileName().toString(), sourceName, pageMode, seconds, scores);
      out.print(json ? report.toJson() + System.lineSeparator() : report.toTable());
      out.flush();
      return 0;
    } catch (EvalException e) {
      err.println("askpage eval: " + e.getMessage());
      err.flush();
      return EXIT_FAILED;
    }
  }

  /** Runs both model folders on every question, one after the other, and compares their answers. */
  private EvalComparison compare(SquadDataset dataset, PrintWriter err) throws EvalException {
    Map<Path, Map<String, String>> answers = new LinkedHashMap<>();
    Map<Path, EvalReport> reports = new LinkedHashMap<>();
    for (Path dir : List.of(source.model, compare)) {
      long start = System.nanoTime();
      Map<String, String> predictions;
      try (Predictor predictor = engineOpener.open(dir)) {
        ProgressBar progress = ProgressBar.on(err, "eval " + dir.getFileName(), dataset.questionCount());
        predictions = predictAll(dataset, predictor, pageMode, progress);
        progress.finish();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      answers.put(dir, predictions);
      reports.put(dir, new EvalReport(squad.getFileName().toString(), "model " + dir, pageMode, seconds,
          SquadMetrics.evaluate(dataset, predictions)));
    }
    return EvalComparison.of(dataset, reports.get(source.model), answers.get(source.model), reports.get(compare),
        answers.get(compare));
  }

  private String retrievalTable(SquadDataset dataset, PrintWriter err) throws EvalException {
    Path vocabFile = vocab != null ? vocab : dev.askpage.models.SharedData.vocabulary();
    dev.askpage.tokenizer.Vocabulary v;
    try {
      v = dev.askpage.tokenizer.Vocabulary.load(vocabFile);
    } catch (java.io.IOException e) {
      throw new EvalException("cannot read the vocabulary " + vocabFile + ": " + e.getMessage());
    }
    dev.askpage.engine.EngineSettings settings = dev.askpage.engine.EngineSettings.defaults();
    List<Integer> budgets = new java.util.ArrayList<>(List.of(1, 2, 4, 8));
    if (!budgets.contains(settings.defaultWindows())) {
      budgets.add(settings.defaultWindows());
    }
    long answerable = dataset.questions().stream().filter(q -> !q.answers().isEmpty()).count();
    ProgressBar progress = ProgressBar.on(err, "retrieval", answerable);
    Map<Integer, Double> recall = new RetrievalEval(new dev.askpage.tokenizer.WordPieceTokenizer(v), settings)
        .recall(dataset, budgets, progress);
    progress.finish();
    StringBuilder sb = new StringBuilder();
    sb.append("Page-level retrieval on ").append(squad.getFileName()).append(" (").append(answerable)
        .append(" answerable questions, whole articles as pages)\n");
    sb.append("budget (windows)  gold answer inside the windows read\n");
    for (Map.Entry<Integer, Double> e : recall.entrySet()) {
      sb.append(String.format(java.util.Locale.ROOT, "%16d  %6.2f %%%s%n", e.getKey(), 100 * e.getValue(),
          e.getKey() == settings.defaultWindows() ? "  (default)" : ""));
    }
    return sb.toString();
  }

  private static void reportMissing(List<String> missing, PrintWriter err) {
    for (int i = 0; i < Math.min(missing.size(), MISSING_IDS_SHOWN); i++) {
      err.println("Unanswered question " + missing.get(i) + " will receive score 0.");
    }
    if (missing.size() > MISSING_IDS_SHOWN) {
      err.println("... and " + (missing.size() - MISSING_IDS_SHOWN) + " more unanswered questions (score 0).");
    }
    err.flush();
  }

  /**
   * Asks the predictor every question of the data set, in file order: of its paragraph, or in page mode of its whole
   * article. Returns question id → answer, the predictions file layout.
   */
  public static Map<String, String> predictAll(
      SquadDataset dataset, Predictor predictor, boolean pageMode, ProgressBar progress) throws EvalException {
    Map<String, String> predictions = new LinkedHashMap<>();
    for (Article article : dataset.articles()) {
      String page = pageMode ? article.text() : null;
      for (Paragraph paragraph : article.paragraphs()) {
        String context = pageMode ? page : paragraph.context();
        for (Question question : paragraph.questions()) {
          predictions.put(question.id(), predictor.predict(context, question.question()));
          progress.step();
        }
      }
    }
    return predictions;
  }
}
