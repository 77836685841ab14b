package dev.askpage.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.askpage.models.OracleShape;
import dev.askpage.models.SharedData;
import dev.askpage.models.SyntheticModels;
import dev.askpage.text.HtmlText;
import dev.askpage.tokenizer.Vocabulary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code askpage ask} with the oracle written in each export shape, on a real page long enough for several windows:
 * every shape gives exactly the default shape's answers (texts, UTF-16 offsets, scores, probabilities).
 */
class ExportShapesIT {
  private static final Path JAR = Path.of("target", "askpage.jar");
  private static final String EXPECTED = "raiders and pirates";

  @TempDir static Path temp;
  private static Path page;
  private static JsonArray defaultAnswers;

  @BeforeAll
  static void askTheDefaultShape() throws Exception {
    page = SharedData.resolve("pages/Normans.html");
    defaultAnswers = answers(OracleShape.DEFAULT);
    String text = HtmlText.of(Files.readString(page));
    JsonObject best = defaultAnswers.get(0).getAsJsonObject();
    assertEquals(EXPECTED, best.get("text").getAsString());
    assertEquals(text.indexOf(EXPECTED), best.get("start").getAsInt());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(OracleShape.class)
  void everyShapeAnswersExactlyLikeTheDefaultShape(OracleShape shape) throws Exception {
    JsonArray answers = answers(shape);
    if (shape == OracleShape.FIXED_256) {
      // Shorter windows are other windows, so the runners-up differ; the answer and its offsets do not.
      assertEquals(defaultAnswers.get(0).getAsJsonObject().get("text"), answers.get(0).getAsJsonObject().get("text"));
      assertEquals(defaultAnswers.get(0).getAsJsonObject().get("start"),
          answers.get(0).getAsJsonObject().get("start"));
      assertEquals(defaultAnswers.get(0).getAsJsonObject().get("end"), answers.get(0).getAsJsonObject().get("end"));
    } else {
      assertEquals(defaultAnswers, answers);
    }
  }

  private static JsonArray answers(OracleShape shape) throws Exception {
    Vocabulary v = Vocabulary.load(SharedData.vocabulary());
    Path model = SyntheticModels.writeOracle(temp.resolve(shape.cliName()), v.id("raiders"), v.id("pirates"),
        SharedData.vocabulary(), shape).dir();
    List<String> command = new ArrayList<>(List.of(AskCommandIT.javaBinary(), "-jar", JAR.toString(), "ask",
        "--model", model.toString(), "--file", page.toString(), "--json", "Who did the Normans descend from?"));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().remove(ModelLocator.ENV);
    pb.environment().put("ASKPAGE_SHARED_DATA", SharedData.dir().toAbsolutePath().toString());
    Process p = pb.redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    JsonObject json = JsonParser.parseString(out).getAsJsonObject();
    assertEquals("model", json.get("mode").getAsString(), out);
    assertTrue(json.getAsJsonObject("timings").get("windows").getAsInt() > 1, "several windows: " + out);
    JsonArray answers = json.getAsJsonArray("answers");
    assertNotNull(answers);
    return answers;
  }
}
