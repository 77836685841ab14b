package dev.askpage.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Candidate hygiene and "no answer" through the built host, started as Chrome starts it, with the oracle model: the
 * noise after the one real answer is left out unless the ask (or the host's setting) lowers the floor.
 */
class AnswerFloorIT {
  private static final String CHROME = "chrome-extension://figobfochmfbacgiggdecdnedcidedin/";

  @TempDir Path temp;

  @Test
  void theFloorLeavesOutNoiseUnlessTheAskLowersIt() throws Exception {
    Path model = TestModels.oracle(temp.resolve("oracle"));
    try (HostProcess host = HostProcess.start("--model", model.toString(), CHROME)) {
      HostProcessIT.awaitModel(host, "ready");

      JsonObject byDefault = answers(host, Requests.ask(1, HostProcessIT.QUESTION, TestModels.PAGE));
      JsonArray one = byDefault.getAsJsonArray("answers");
      assertEquals(1, one.size(), byDefault::toString);
      assertEquals(TestModels.ANSWER, one.get(0).getAsJsonObject().get("text").getAsString());
      // The oracle model predicts "no answer" ([CLS] scores 0 against 20 for the answer): scored, and unlikely.
      assertTrue(byDefault.get("noAnswerProbability").getAsDouble() < 0.001, byDefault::toString);

      JsonObject everything = Requests.ask(2, HostProcessIT.QUESTION, TestModels.PAGE);
      everything.addProperty("floor", 0);
      everything.addProperty("top", 5);
      JsonArray five = answers(host, everything).getAsJsonArray("answers");
      assertEquals(5, five.size(), five::toString);
      assertEquals(TestModels.ANSWER, five.get(0).getAsJsonObject().get("text").getAsString());
      assertNoOverlaps(five);
      double best = five.get(0).getAsJsonObject().get("probability").getAsDouble();
      for (int i = 1; i < five.size(); i++) {
        assertTrue(five.get(i).getAsJsonObject().get("probability").getAsDouble() < 0.1 * best, five::toString);
      }

      // A floor outside 0..1 is a bad field, and the host answers the next question.
      JsonObject bad = Requests.ask(3, HostProcessIT.QUESTION, TestModels.PAGE);
      bad.addProperty("floor", 1.5);
      host.send(bad);
      JsonObject error = host.receive(HostProcessIT.WAIT);
      assertEquals(new JsonPrimitive(3), error.get("id"), error::toString);
      assertEquals("bad_field", error.getAsJsonObject("error").get("name").getAsString(), error::toString);
      assertEquals(1, answers(host, Requests.ask(4, HostProcessIT.QUESTION, TestModels.PAGE))
          .getAsJsonArray("answers").size());
    }
  }

  @Test
  void aPageWithoutTheAnswerGetsNoAnswersAndTheNoAnswerProbability() throws Exception {
    Path model = TestModels.oracle(temp.resolve("oracle"));
    try (HostProcess host = HostProcess.start("--model", model.toString(), CHROME)) {
      HostProcessIT.awaitModel(host, "ready");
      JsonObject ask = Requests.ask(1, HostProcessIT.QUESTION, "The weather in New York is usually nice.");
      ask.addProperty("floor", 0);
      JsonObject result = answers(host, ask);
      assertEquals(0, result.getAsJsonArray("answers").size(), result::toString);
      assertTrue(result.get("noAnswerProbability").getAsDouble() > 0.99, result::toString);
    }
  }

  @Test
  void theHostsFloorSettingIsTheDefaultForAsksThatDoNotSay() throws Exception {
    Path model = TestModels.oracle(temp.resolve("oracle"));
    try (HostProcess host = HostProcess.start("--model", model.toString(), "--floor", "0", CHROME)) {
      HostProcessIT.awaitModel(host, "ready");
      JsonObject ask = Requests.ask(1, HostProcessIT.QUESTION, TestModels.PAGE);
      ask.addProperty("top", 3);
      assertEquals(3, answers(host, ask).getAsJsonArray("answers").size());
      JsonObject strict = Requests.ask(2, HostProcessIT.QUESTION, TestModels.PAGE);
      strict.addProperty("floor", 0.1);
      assertEquals(1, answers(host, strict).getAsJsonArray("answers").size());
    }
  }

  private static JsonObject answers(HostProcess host, JsonObject ask) throws Exception {
    host.send(ask);
    JsonObject reply = host.receive(HostProcessIT.WAIT);
    assertEquals(ask.get("id"), reply.get("id"), reply::toString);
    assertEquals("answers", reply.get("type").getAsString(), reply::toString);
    JsonObject result = reply.getAsJsonObject("result");
    String text = ask.get("text").getAsString();
    for (var a : result.getAsJsonArray("answers")) {
      JsonObject answer = a.getAsJsonObject();
      assertEquals(text.substring(answer.get("start").getAsInt(), answer.get("end").getAsInt()),
          answer.get("text").getAsString());
    }
    return result;
  }

  private static void assertNoOverlaps(JsonArray answers) {
    List<int[]> spans = answers.asList().stream()
        .map(a -> new int[] {a.getAsJsonObject().get("start").getAsInt(), a.getAsJsonObject().get("end").getAsInt()})
        .toList();
    for (int i = 0; i < spans.size(); i++) {
      for (int j = i + 1; j < spans.size(); j++) {
        assertTrue(spans.get(i)[1] <= spans.get(j)[0] || spans.get(j)[1] <= spans.get(i)[0],
            "answers " + i + " and " + j + " overlap: " + answers);
      }
    }
  }
}
