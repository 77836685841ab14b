package dev.askpage.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.askpage.eval.SquadDataset.Question;
import dev.askpage.models.SharedData;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvalCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(EvalCommand command, String... args) {
    CommandLine line = new CommandLine(command);
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    return line.execute(args);
  }

  private static String shared(String name) {
    return SharedData.resolve("squad/" + name).toString();
  }

  @Test
  void scoresAPredictionsFileAsATable() {
    int status = run(new EvalCommand(), "--squad", shared("dev-v2.0.json"),
        "--predictions", shared("predictions-bert-single-v2.0.json"));
    assertEquals(0, status, err.toString());
    String table = out.toString();
    assertTrue(table.contains("all        78.742   81.775   11873"), table);
    assertTrue(table.contains("HasAns     74.106   80.182    5928"), table);
    assertTrue(table.contains("NoAns      83.364   83.364    5945"), table);
  }

  @Test
  void scoresAPredictionsFileAsJson() {
    int status = run(new EvalCommand(), "--squad", shared("dev-v1.1.json"),
        "--predictions", shared("predictions-bert-ensemble-v1.1.json"), "--json");
    assertEquals(0, status, err.toString());
    JsonObject json = JsonParser.parseString(out.toString()).getAsJsonObject();
    assertEquals(86.20624, json.get("exact_match").getAsDouble(), 5e-6);
    assertEquals(92.19558, json.get("f1").getAsDouble(), 5e-6);
    assertEquals(10570, json.get("total").getAsInt());
  }

  @Test
  void namesUnansweredQuestionsOnStderr() throws IOException {
    Path predictions = Files.writeString(dir.resolve("p.json"), "{\"56be4db0acb8001400a502ec\": \"Denver Broncos\"}");
    int status = run(new EvalCommand(), "--squad", shared("dev-v1.1.json"), "--predictions", predictions.toString());
    assertEquals(0, status);
    assertTrue(err.toString().contains("Unanswered question 56be4db0acb8001400a502ed will receive score 0."));
    assertTrue(err.toString().contains("and 10559 more unanswered questions"));
    assertTrue(out.toString().contains("missing predictions: 10569 (scored 0)"));
  }

  @Test
  void modelRunsEveryQuestionThroughTheEngine() throws EvalException {
    SquadDataset data = SquadDataset.read(SharedData.resolve("squad/dev-v2.0.json"));
    // The engine is asked in file order; some (context, question) pairs repeat with different golds.
    Deque<String> gold = new ArrayDeque<>();
    for (Question q : data.questions()) {
      gold.add(q.answers().isEmpty() ? "" : q.answers().get(0).text());
    }
    AtomicBoolean closed = new AtomicBoolean();
    EvalCommand command = new EvalCommand(modelDir -> new Predictor() {
      @Override
      public String predict(String context, String question) {
        return gold.removeFirst();
      }

      @Override
      public void close() {
        closed.set(true);
      }
    });
    Path written = dir.resolve("written.json");
    int status = run(command, "--squad", shared("dev-v2.0.json"), "--model", dir.toString(), "--json",
        "--write-predictions", written.toString());
    assertEquals(0, status, err.toString());
    JsonObject json = JsonParser.parseString(out.toString()).getAsJsonObject();
    assertEquals(100.0, json.get("exact").getAsDouble(), 1e-9);
    assertTrue(json.has("seconds"));
    assertTrue(closed.get());
    assertEquals(100.0, SquadMetrics.evaluate(data, PredictionsFile.read(written)).exact(), 1e-9);
  }

  @Test
  void pageModeAsksEachQuestionOfTheWholeArticle() {
    SquadDataset data = SquadDataset.of("1.1", List.of(
        new SquadDataset.Article("A", List.of(
            new SquadDataset.Paragraph("P1", List.of(SquadMetricsTest.question("q1", false, "x"))),
            new SquadDataset.Paragraph("P2", List.of(SquadMetricsTest.question("q2", false, "y"))))),
        new SquadDataset.Article("B", List.of(
            new SquadDataset.Paragraph("P3", List.of(SquadMetricsTest.question("q3", false, "z")))))));
    List<String> contexts = new ArrayList<>();
    Predictor predictor = (context, question) -> {
      contexts.add(context);
      return "";
    };
    ProgressBar quiet = new ProgressBar("t", 3, new PrintWriter(new StringWriter()), false, System::nanoTime);
    try {
      EvalCommand.predictAll(data, predictor, true, quiet);
      assertEquals(List.of("P1\n\nP2", "P1\n\nP2", "P3"), contexts);
      contexts.clear();
      Map<String, String> answers = EvalCommand.predictAll(data, predictor, false, quiet);
      assertEquals(List.of("P1", "P2", "P3"), contexts);
      assertEquals(List.of("q1", "q2", "q3"), List.copyOf(answers.keySet()));
    } catch (EvalException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void folderWithoutAModelFailsWithAClearMessage() {
    int status = run(new EvalCommand(), "--squad", shared("dev-v1.1.json"), "--model", dir.toString());
    assertEquals(EvalCommand.EXIT_FAILED, status);
    assertTrue(err.toString().contains("has no model.json"), err.toString());
  }

  @Test
  void badInputsFailWithoutAStackTrace() {
    assertEquals(EvalCommand.EXIT_FAILED,
        run(new EvalCommand(), "--squad", dir.resolve("none.json").toString(), "--predictions", "x.json"));
    assertTrue(err.toString().startsWith("askpage eval: cannot read SQuAD file"), err.toString());
    assertEquals(EvalCommand.EXIT_FAILED, run(new EvalCommand(), "--squad", shared("dev-v1.1.json"),
        "--predictions", shared("predictions-bert-ensemble-v1.1.json"), "--page-mode"));
    assertEquals(EvalCommand.EXIT_FAILED, run(new EvalCommand(), "--squad", shared("dev-v1.1.json"),
        "--predictions", shared("predictions-bert-ensemble-v1.1.json"), "--write-predictions", "p.json"));
  }

  @Test
  void predictionsAndModelExcludeEachOther() {
    assertEquals(2, run(new EvalCommand(), "--squad", "s.json", "--predictions", "p.json", "--model", "m"));
    assertEquals(2, run(new EvalCommand(), "--squad", "s.json"));
  }
}
