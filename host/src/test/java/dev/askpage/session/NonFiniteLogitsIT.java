package dev.askpage.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import dev.askpage.models.ModelDirectory;
import dev.askpage.models.onnx.OnnxAttribute;
import dev.askpage.models.onnx.OnnxGraph;
import dev.askpage.models.onnx.OnnxModelWriter;
import dev.askpage.models.onnx.OnnxTensor;
import dev.askpage.models.onnx.OnnxType;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model whose logits are NaN or infinite (a broken user-supplied export): the ask gets {@code model_failed}, not
 * answers whose scores no JSON parser reads, and the host serves the next request.
 */
class NonFiniteLogitsIT {
  @TempDir Path temp;

  @Test
  void nonFiniteLogitsAreAModelFailure() throws Exception {
    Path model = nonFiniteModel(temp.resolve("nan"));
    try (HostProcess host = HostProcess.start("--model", model.toString(),
        "chrome-extension://figobfochmfbacgiggdecdnedcidedin/")) {
      HostProcessIT.awaitModel(host, "ready");
      host.send(Requests.ask(1, HostProcessIT.QUESTION, TestModels.PAGE));
      JsonObject reply = host.receive(HostProcessIT.WAIT);
      assertEquals("error", reply.get("type").getAsString(), reply::toString);
      assertEquals("model_failed", reply.getAsJsonObject("error").get("name").getAsString(), reply::toString);

      host.send(Requests.ping("after"));
      assertEquals(HostProcessIT.pong("after"), host.receive(HostProcessIT.WAIT));
    }
  }

  /**
   * The oracle's directory (vocabulary, model.json) with a model.onnx of the same inputs and outputs whose start
   * logits are NaN and end logits +infinity wherever the attention mask is 1.
   */
  private static Path nonFiniteModel(Path dir) throws Exception {
    Path model = TestModels.oracle(dir);
    OnnxGraph graph = new OnnxGraph("non_finite_qa");
    String ids = graph.input("input_ids", OnnxType.INT64, "batch", "sequence");
    String mask = graph.input("attention_mask", OnnxType.INT64, "batch", "sequence");
    String types = graph.input("token_type_ids", OnnxType.INT64, "batch", "sequence");
    graph.output("start_logits", OnnxType.FLOAT, "batch", "sequence");
    graph.output("end_logits", OnnxType.FLOAT, "batch", "sequence");
    String zeroTypes = graph.op("Mul", toFloat(graph, types), graph.constant("zero", OnnxTensor.scalar(0f)));
    String nan = graph.op("Mul", toFloat(graph, ids), graph.constant("nan", OnnxTensor.scalar(Float.NaN)));
    String inf = graph.op("Mul", toFloat(graph, mask),
        graph.constant("infinity", OnnxTensor.scalar(Float.POSITIVE_INFINITY)));
    graph.node("Add", List.of(nan, zeroTypes), List.of("start_logits"), List.of());
    graph.node("Add", List.of(inf, zeroTypes), List.of("end_logits"), List.of());
    try (OutputStream out = Files.newOutputStream(model.resolve(ModelDirectory.MODEL_FILE))) {
      new OnnxModelWriter("test", "askpage test: non-finite logits", Map.of()).write(graph, out);
    }
    return model;
  }

  private static String toFloat(OnnxGraph graph, String value) {
    return graph.op("Cast", List.of(OnnxAttribute.of("to", OnnxType.FLOAT.code())), value);
  }
}
