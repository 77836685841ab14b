package dev.askpage.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code askpage model quantize} then {@code askpage model use int8|fp32} while a host runs: the next ask runs the
 * chosen file, and hello says which.
 */
class PrecisionSwitchIT {
  @TempDir Path temp;

  @Test
  void modelUseSwitchesTheRunningHostForTheNextAsk() throws Exception {
    // Full size: the tiny model's logits are so small that int8 and fp32 agree to the reply's 4 decimals.
    Path model = TestModels.fullMobileBert(temp.resolve("full"));
    String quantized = askpage("model", "quantize", "--in", model.toString(), "--out", model.toString());
    assertTrue(quantized.contains("runs fp32"), "quantizing in place keeps fp32 the default: " + quantized);

    try (HostProcess host = HostProcess.start("--model", model.toString(),
        "chrome-extension://figobfochmfbacgiggdecdnedcidedin/")) {
      assertEquals("fp32", precision(HostProcessIT.awaitModel(host, "ready")));
      JsonArray fp32Answers = answers(host, 1);

      askpage("model", "use", "int8", "--model", model.toString());
      JsonArray int8Answers = answers(host, 2);
      assertEquals("int8", precision(HostProcessIT.awaitModel(host, "ready")));
      // Scores and probabilities (4 decimals) of the int8 file differ from fp32's in the last places.
      assertNotEquals(fp32Answers, int8Answers, "the int8 file answered");

      askpage("model", "use", "fp32", "--model", model.toString());
      assertEquals(fp32Answers, answers(host, 3), "back on the fp32 file");
      assertEquals("fp32", precision(HostProcessIT.awaitModel(host, "ready")));
    }
  }

  /** Asks the test question; the reply must be the model's answers, which it returns. */
  static JsonArray answers(HostProcess host, int id) throws Exception {
    host.send(Requests.ask(id, HostProcessIT.QUESTION, TestModels.PAGE));
    JsonObject reply = host.receive(HostProcessIT.WAIT);
    assertEquals("answers", reply.get("type").getAsString(), reply::toString);
    JsonObject result = reply.getAsJsonObject("result");
    assertEquals("model", result.get("mode").getAsString(), reply::toString);
    return result.getAsJsonArray("answers");
  }

  private static String precision(JsonObject hello) {
    return hello.getAsJsonObject("result").getAsJsonObject("model").get("precision").getAsString();
  }

  private static String askpage(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", HostProcess.jar().toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    return out;
  }
}
