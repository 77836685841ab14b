package dev.askpage.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.askpage.models.OracleShape;
import dev.askpage.models.SyntheticModels;
import dev.askpage.models.onnx.OnnxAttribute;
import dev.askpage.models.onnx.OnnxGraph;
import dev.askpage.models.onnx.OnnxModelWriter;
import dev.askpage.models.onnx.OnnxType;
import dev.askpage.tokenizer.Vocabulary;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each export shape askpage adapts to, as the oracle in that shape, through the host as a browser starts it. */
class ExportShapesHostIT {
  private static final String CHROME = "chrome-extension://figobfochmfbacgiggdecdnedcidedin/";

  @TempDir Path temp;

  @ParameterizedTest(name = "{0}")
  @EnumSource(OracleShape.class)
  void theOracleInEveryShapeHighlightsTheExpectedSpan(OracleShape shape) throws Exception {
    Vocabulary v = Vocabulary.load(TestModels.vocabulary());
    Path model = SyntheticModels.writeOracle(temp.resolve(shape.cliName()), v.id("sesame"), v.id("street"),
        TestModels.vocabulary(), shape).dir();
    try (HostProcess host = HostProcess.start("--model", model.toString(), CHROME)) {
      HostProcessIT.awaitModel(host, "ready");
      host.send(Requests.ask(1, HostProcessIT.QUESTION, TestModels.PAGE));
      JsonObject reply = host.receive(HostProcessIT.WAIT);
      assertEquals("answers", reply.get("type").getAsString(), reply::toString);
      JsonObject result = reply.getAsJsonObject("result");
      assertEquals("model", result.get("mode").getAsString(), reply::toString);
      JsonObject best = result.getAsJsonArray("answers").get(0).getAsJsonObject();
      int start = TestModels.PAGE.indexOf(TestModels.ANSWER);
      assertEquals(TestModels.ANSWER, best.get("text").getAsString());
      assertEquals(start, best.get("start").getAsInt());
      assertEquals(start + TestModels.ANSWER.length(), best.get("end").getAsInt());
    }
  }

  @Test
  void helloAdvertisesTheQuestionLimitOfAModelFixedAtFewerPositions() throws Exception {
    // A quarter of a fixed length of 128 is left for the question: 32 tokens, not the 64 of 384-long windows.
    Path model = TestModels.oracle(temp.resolve("fixed128"));
    OnnxGraph g = new OnnxGraph("fixed_128_model");
    String ids = g.input("input_ids", OnnxType.INT64, "batch", 128);
    g.input("attention_mask", OnnxType.INT64, "batch", 128);
    g.input("token_type_ids", OnnxType.INT64, "batch", 128);
    g.output("start_logits", OnnxType.FLOAT, "batch", 128);
    g.output("end_logits", OnnxType.FLOAT, "batch", 128);
    g.node("Cast", List.of(ids), List.of("start_logits"), List.of(OnnxAttribute.of("to", OnnxType.FLOAT.code())));
    g.node("Cast", List.of(ids), List.of("end_logits"), List.of(OnnxAttribute.of("to", OnnxType.FLOAT.code())));
    replaceGraph(model, g);

    try (HostProcess host = HostProcess.start("--model", model.toString(), CHROME)) {
      JsonObject hello = HostProcessIT.awaitModel(host, "ready");
      JsonObject limits = hello.getAsJsonObject("result").getAsJsonObject("limits");
      assertEquals(32, limits.get("maxQuestionTokens").getAsInt(), hello::toString);
      host.send(Requests.ask(1, HostProcessIT.QUESTION, TestModels.PAGE));
      JsonObject reply = host.receive(HostProcessIT.WAIT);
      assertEquals("answers", reply.get("type").getAsString(), reply::toString);
      assertEquals("model", reply.getAsJsonObject("result").get("mode").getAsString(), reply::toString);
    }
  }

  /** Puts {@code g} in place of the model directory's {@code model.onnx}, its checksum in the manifest too. */
  private static void replaceGraph(Path model, OnnxGraph g) throws Exception {
    Path onnx = model.resolve("model.onnx");
    String oldSum = TestModels.sha256(Files.readAllBytes(onnx));
    try (OutputStream out = Files.newOutputStream(onnx)) {
      new OnnxModelWriter("test", "test", Map.of()).write(g, out);
    }
    Path manifest = model.resolve("model.json");
    String newSum = TestModels.sha256(Files.readAllBytes(onnx));
    Files.writeString(manifest, Files.readString(manifest).replace(oldSum, newSum));
  }

  @Test
  void anUnsupportedExportIsBrokenWithItsInputsNamedAndTheHostAnswersLexically() throws Exception {
    Path model = TestModels.oracle(temp.resolve("unsupported"));
    OnnxGraph g = new OnnxGraph("position_ids_model");
    String ids = g.input("input_ids", OnnxType.INT64, "batch", "sequence");
    g.input("attention_mask", OnnxType.INT64, "batch", "sequence");
    g.input("position_ids", OnnxType.INT64, "batch", "sequence");
    g.output("answer_scores", OnnxType.FLOAT, "batch", "sequence");
    g.node("Cast", List.of(ids), List.of("answer_scores"), List.of(OnnxAttribute.of("to", OnnxType.FLOAT.code())));
    replaceGraph(model, g);

    try (HostProcess host = HostProcess.start("--model", model.toString(), CHROME)) {
      JsonObject hello = HostProcessIT.awaitModel(host, "broken");
      String message = hello.getAsJsonObject("result").getAsJsonObject("model").get("message").getAsString();
      assertTrue(message.contains("position_ids"), message);
      assertTrue(message.contains("answer_scores"), message);
      assertTrue(message.contains("askpage accepts"), message);
      host.send(Requests.ask("lex", HostProcessIT.QUESTION, TestModels.PAGE));
      JsonObject reply = host.receive(HostProcessIT.WAIT);
      JsonObject result = reply.getAsJsonObject("result");
      assertEquals("lexical", result.get("mode").getAsString(), reply::toString);
      JsonArray answers = result.getAsJsonArray("answers");
      assertEquals("Big Bird lives at 123 Sesame Street in New York.",
          answers.get(0).getAsJsonObject().get("text").getAsString());
    }
  }
}
