package dev.askpage.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.askpage.installer.doctor.HostClient;
import dev.askpage.protocol.FrameFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The built host started as a browser starts it, speaking frames on its stdin and stdout. */
class HostProcessIT {
  static final Duration WAIT = Duration.ofSeconds(60);
  static final String QUESTION = "where does big bird live?";

  @TempDir Path temp;

  static Stream<Arguments> browsers() {
    return Stream.of(
        Arguments.of("Chrome", List.of("chrome-extension://figobfochmfbacgiggdecdnedcidedin/")),
        Arguments.of("Chrome on Windows", List.of("chrome-extension://figobfochmfbacgiggdecdnedcidedin/",
            "--parent-window=0")),
        // The manifest path does not exist: the host must never open it.
        Arguments.of("Firefox", List.of("/path/to/dev.askpage.host.json", "askpage@askpage.dev")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("browsers")
  void answersWithTheModelWhenStartedByABrowser(String browser, List<String> browserArgs) throws Exception {
    Path model = TestModels.oracle(temp.resolve("oracle"));
    List<String> args = new ArrayList<>(List.of("--model", model.toString()));
    args.addAll(browserArgs);
    try (HostProcess host = HostProcess.start(args.toArray(String[]::new))) {
      JsonObject hello = awaitModel(host, "ready");
      JsonObject result = hello.getAsJsonObject("result");
      assertEquals("askpage", result.get("host").getAsString());
      assertEquals(1, result.get("protocol").getAsInt());
      assertTrue(result.getAsJsonObject("model").get("id").getAsString().startsWith("oracle-"), hello::toString);
      assertEquals(67108864, result.getAsJsonObject("limits").get("maxFrameBytes").getAsInt());

      host.send(Requests.ask(2, QUESTION, TestModels.PAGE));
      JsonObject first = host.receive(WAIT);
      assertEquals(new JsonPrimitive(2), first.get("id"), first::toString);
      assertEquals("answers", first.get("type").getAsString(), first::toString);
      JsonObject answers = first.getAsJsonObject("result");
      assertEquals("model", answers.get("mode").getAsString());
      JsonObject best = answers.getAsJsonArray("answers").get(0).getAsJsonObject();
      int start = TestModels.PAGE.indexOf(TestModels.ANSWER);
      assertEquals(start, best.get("start").getAsInt());
      assertEquals(start + TestModels.ANSWER.length(), best.get("end").getAsInt());
      assertEquals(TestModels.ANSWER, best.get("text").getAsString());
      assertFalse(answers.getAsJsonObject("timings").get("cacheHit").getAsBoolean());

      JsonObject again = Requests.ask(3, "and who lives there?", TestModels.PAGE);
      again.addProperty("sentAt", System.currentTimeMillis());
      host.send(again);
      JsonObject second = host.receive(WAIT);
      assertEquals(new JsonPrimitive(3), second.get("id"), second::toString);
      JsonObject timings = second.getAsJsonObject("result").getAsJsonObject("timings");
      assertTrue(timings.get("cacheHit").getAsBoolean(), second::toString);
      assertTrue(timings.has("transferMs"), second::toString);
      assertEquals(best.get("start"), second.getAsJsonObject("result").getAsJsonArray("answers").get(0)
          .getAsJsonObject().get("start"));

      // The real replies look like the example frames the extension's tests use.
      assertSameStructure("hello-reply", hello);
      assertSameStructure("answers-reply", first);
      assertSameStructure("answers-reply", second);

      host.send(Requests.ping("p"));
      assertEquals(pong("p"), host.receive(WAIT));

      host.closeInput();
      assertEquals(0, host.awaitExit(Duration.ofSeconds(10)));
      List<JsonObject> all = host.allFramesAfterExit();
      assertEquals(last(all), pong("p"), "the pong was the last frame on stdout");
      String log = host.stderr();
      assertFalse(log.contains(QUESTION), "the log holds the question");
      assertFalse(log.contains("Big Bird"), "the log holds page text");
      System.out.println(browser + ": " + firstLine(log, "started by"));
    }
  }

  @Test
  void helloSaysLoadingThenReady() throws Exception {
    Path model = TestModels.fullMobileBert(temp.resolve("full"));
    try (HostProcess host = HostProcess.start("--model", model.toString(),
        "chrome-extension://figobfochmfbacgiggdecdnedcidedin/")) {
      // Hashing and loading 100 MB takes far longer than reading the first frame.
      host.send(Requests.hello(0));
      JsonObject first = host.receive(WAIT);
      assertEquals("loading", first.getAsJsonObject("result").getAsJsonObject("model").get("state").getAsString(),
          first::toString);
      awaitModel(host, "ready");
    }
  }

  @Test
  void answersLexicallyWithoutAModel() throws Exception {
    try (HostProcess host = HostProcess.start("--model", "/nonexistent",
        "chrome-extension://figobfochmfbacgiggdecdnedcidedin/")) {
      JsonObject hello = awaitModel(host, "missing");
      JsonObject model = hello.getAsJsonObject("result").getAsJsonObject("model");
      assertFalse(model.has("id"), hello::toString);
      assertTrue(model.get("message").getAsString().contains("askpage model install"), hello::toString);
      assertLexicalAnswer(host);
    }
  }

  @Test
  void corruptModelIsBrokenAndAnswersLexically() throws Exception {
    for (boolean matchingChecksum : new boolean[] {false, true}) {
      Path model = TestModels.corrupt(temp.resolve("corrupt-" + matchingChecksum), matchingChecksum);
      try (HostProcess host = HostProcess.start("--model", model.toString(), "/path/to/dev.askpage.host.json",
          "askpage@askpage.dev")) {
        JsonObject hello = awaitModel(host, "broken");
        String message = hello.getAsJsonObject("result").getAsJsonObject("model").get("message").getAsString();
        assertFalse(message.isBlank());
        System.out.println("broken model (checksum matches: " + matchingChecksum + "): " + message);
        assertLexicalAnswer(host);
        host.send(Requests.ping(9));
        assertEquals(pong(9), host.receive(WAIT));
        assertTrue(host.process().isAlive());
      }
    }
  }

  @Test
  void theDoctorsClientTalksToTheHost() throws Exception {
    List<String> command = HostProcess.command(List.of("--model", "/nonexistent",
        "chrome-extension://figobfochmfbacgiggdecdnedcidedin/"));
    try (HostClient client = HostClient.start(command, Map.of())) {
      client.send(Requests.ping(1));
      assertEquals(pong(1), client.receive(WAIT));
      client.send(Requests.hello("h"));
      JsonObject hello = client.receive(WAIT);
      assertEquals("hello", hello.get("type").getAsString());
      client.closeInput();
      assertTrue(client.process().waitFor(10, java.util.concurrent.TimeUnit.SECONDS));
      assertEquals(0, client.process().exitValue());
    }
  }

  private static void assertLexicalAnswer(HostProcess host) throws Exception {
    host.send(Requests.ask("lex", QUESTION, TestModels.PAGE));
    JsonObject reply = host.receive(WAIT);
    assertEquals(new JsonPrimitive("lex"), reply.get("id"), reply::toString);
    assertEquals("answers", reply.get("type").getAsString(), reply::toString);
    JsonObject result = reply.getAsJsonObject("result");
    assertEquals("lexical", result.get("mode").getAsString());
    assertFalse(result.get("notice").getAsString().isBlank());
    JsonArray answers = result.getAsJsonArray("answers");
    assertFalse(answers.isEmpty(), reply::toString);
    JsonObject best = answers.get(0).getAsJsonObject();
    assertEquals("Big Bird lives at 123 Sesame Street in New York.", best.get("text").getAsString());
    assertEquals(TestModels.PAGE.substring(best.get("start").getAsInt(), best.get("end").getAsInt()),
        best.get("text").getAsString());
  }

  /** Polls {@code hello} until the model state is not {@code loading}; checks it then is {@code expected}. */
  static JsonObject awaitModel(HostProcess host, String expected) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    List<String> states = new ArrayList<>();
    for (int i = 1; ; i++) {
      String id = "hello-" + i;
      host.send(Requests.hello(id));
      JsonObject hello = host.receive(WAIT);
      assertEquals(new JsonPrimitive(id), hello.get("id"), hello::toString);
      assertEquals("hello", hello.get("type").getAsString(), hello::toString);
      String state = hello.getAsJsonObject("result").getAsJsonObject("model").get("state").getAsString();
      states.add(state);
      if (!state.equals("loading")) {
        assertEquals(expected, state, hello::toString);
        // And it stays there.
        host.send(Requests.hello(id + "-again"));
        JsonObject again = host.receive(WAIT);
        assertEquals(state, again.getAsJsonObject("result").getAsJsonObject("model").get("state").getAsString());
        System.out.println("model states seen: " + collapse(states));
        return hello;
      }
      assertTrue(System.nanoTime() < deadline, "still loading after " + WAIT);
      Thread.sleep(20);
    }
  }

  private static void assertSameStructure(String fixture, JsonObject reply) {
    java.util.Set<String> optional = java.util.Set.of("id", "result.model.message", "result.timings.transferMs",
        "result.answers[].truncated", "result.noAnswerProbability");
    Map<String, String> expected = new java.util.HashMap<>(FrameFixtures.structure(FrameFixtures.load(fixture)
        .json()));
    Map<String, String> actual = new java.util.HashMap<>(FrameFixtures.structure(reply));
    expected.keySet().removeAll(optional);
    actual.keySet().removeAll(optional);
    assertEquals(expected, actual, "the host's reply vs. frames/" + fixture + ".hex: " + reply);
  }

  static JsonObject pong(Object id) {
    JsonObject pong = Requests.base(id, "pong");
    pong.add("result", new JsonObject());
    return pong;
  }

  private static String collapse(List<String> states) {
    List<String> out = new ArrayList<>();
    for (String s : states) {
      if (out.isEmpty() || !out.get(out.size() - 1).startsWith(s)) {
        out.add(s);
      }
    }
    return states.size() + " hellos: " + String.join(" -> ", out);
  }

  private static JsonObject last(List<JsonObject> frames) {
    return frames.get(frames.size() - 1);
  }

  private static String firstLine(String log, String containing) {
    return log.lines().filter(l -> l.contains(containing)).findFirst().orElse("(no line with " + containing + ")");
  }
}
