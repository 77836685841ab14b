package dev.askpage.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import dev.askpage.decode.DecodeOptions;
import dev.askpage.engine.Answer;
import dev.askpage.engine.AskOptions;
import dev.askpage.engine.Cancellation;
import dev.askpage.engine.CancelledException;
import dev.askpage.engine.EngineSettings;
import dev.askpage.engine.Mode;
import dev.askpage.engine.PreparedPage;
import dev.askpage.engine.QaEngine;
import dev.askpage.engine.Result;
import dev.askpage.infer.InferenceException;
import dev.askpage.infer.ModelLoadException;
import dev.askpage.infer.ThreadPolicy;
import dev.askpage.protocol.Limits;
import dev.askpage.session.AnswersJson;
import dev.askpage.session.ModelService;
import dev.askpage.text.HtmlText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code askpage ask}: answers a question about a text or a file, as the browser would get it. */
@Command(
    name = "ask",
    mixinStandardHelpOptions = true,
    description = {
      "Answer a question about a page.",
      "Without --model it uses ASKPAGE_MODEL_DIR or the installed default model; without any model it answers in "
          + "lexical mode (the best-matching sentences)."
    })
final class AskCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", paramLabel = "DIR", description = "Model directory (model.onnx, vocab.txt, model.json).")
  Path model;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @Option(names = "--file", paramLabel = "PATH", required = true,
        description = "A .txt file, or an .html/.htm file (its readable text is used).")
    Path file;

    @Option(names = "--text", paramLabel = "STRING", required = true, description = "The page text itself.")
    String text;
  }

  @Option(names = "--top", paramLabel = "N", defaultValue = "5", description = "How many answers (default ${DEFAULT-VALUE}).")
  int top;

  @Option(names = "--max-windows", paramLabel = "N", description = "Window budget: how many windows (of up to 384 "
      + "tokens, the first holding only the best passage) the model may read (default " + EngineSettings.DEFAULT_WINDOWS
      + ").")
  Integer maxWindows;

  @Option(names = "--floor", paramLabel = "F", defaultValue = "" + DecodeOptions.DEFAULT_FLOOR, description = "Leave "
      + "out answers less likely than F times the best one, from 0 (keep all) to 1; the best answer always stays "
      + "(default ${DEFAULT-VALUE}).")
  double floor;

  @Option(names = "--json", description = "Print {\"mode\",\"answers\",\"noAnswerProbability\",\"timings\"} as JSON "
      + "(PROTOCOL.md's answers result); offsets index the extracted text.")
  boolean json;

  @Parameters(paramLabel = "QUESTION", arity = "1..*", description = "The question.")
  java.util.List<String> question;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    if (top < 1 || top > Limits.MAX_TOP) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--top must be from 1 to " + Limits.MAX_TOP);
    }
    if (maxWindows != null && (maxWindows < 1 || maxWindows > Limits.MAX_WINDOWS)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--max-windows must be from 1 to " + Limits.MAX_WINDOWS);
    }
    if (!DecodeOptions.isValidFloor(floor)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--floor must be from 0 to 1");
    }
    String q = String.join(" ", question);
    if (q.isBlank()) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "the question is empty");
    }
    String text = source.text != null ? source.text : readPage(source.file);
    EngineSettings settings = EngineSettings.defaults();
    Optional<Path> dir = ModelLocator.locate(model);
    QaEngine engine;
    if (dir.isPresent()) {
      try {
        engine = dev.askpage.engine.EngineFactory.fromDirectory(dir.get(), ThreadPolicy.defaults(), settings);
      } catch (ModelLoadException e) {
        err.println("askpage: " + e.getMessage());
        return 1;
      }
    } else {
      engine = QaEngine.lexical(settings);
      err.println("askpage: " + ModelService.INSTALL_HINT);
    }
    try (engine) {
      PreparedPage page = engine.prepare(text);
      Result result = engine.ask(page, q, new AskOptions(top, maxWindows != null ? maxWindows
          : settings.defaultWindows(), floor), false, Cancellation.NEVER);
      PrintWriter out = spec.commandLine().getOut();
      out.println(json ? toJson(result) : toText(result, text));
      out.flush();
      return 0;
    } catch (InferenceException e) {
      err.println("askpage: the model failed: " + e.getMessage());
      return 1;
    } catch (CancelledException e) {
      throw new IllegalStateException("a CLI question is never cancelled", e);
    }
  }

  static String readPage(Path file) throws IOException {
    String content = Files.readString(file, StandardCharsets.UTF_8);
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".html") || name.endsWith(".htm") ? HtmlText.of(content) : content;
  }

  static String toJson(Result result) {
    JsonObject o = AnswersJson.of(result, Limits.defaults().maxAnswerChars(), Double.NaN);
    return new GsonBuilder().disableHtmlEscaping().create().toJson(o);
  }

  private static String toText(Result result, String text) {
    StringBuilder sb = new StringBuilder();
    sb.append(result.mode() == Mode.MODEL ? "Answers (model):" : "Best-matching sentences (lexical mode):");
    boolean scored = !Double.isNaN(result.noAnswerProbability());
    if (result.answers().isEmpty()) {
      sb.append(scored ? String.format(Locale.ROOT, "%n  No answer on this page (%.0f%%).",
          100 * result.noAnswerProbability()) : "\n  (no answer)");
    }
    int i = 1;
    for (Answer a : result.answers()) {
      sb.append(String.format(Locale.ROOT, "%n%2d. %s  [%d, %d)  %.0f%%", i++, a.text(), a.start(), a.end(),
          100 * a.probability()));
      if (result.mode() == Mode.MODEL) {
        sb.append("\n    ...").append(context(text, a)).append("...");
      }
    }
    if (scored && !result.answers().isEmpty()) {
      sb.append(String.format(Locale.ROOT, "%n    (no answer: %.0f%%)", 100 * result.noAnswerProbability()));
    }
    return sb.toString();
  }

  private static String context(String text, Answer a) {
    int from = Math.max(0, a.start() - 60);
    int to = Math.min(text.length(), a.end() + 60);
    return text.substring(from, to).replaceAll("\\s+", " ");
  }
}
