package dev.askpage.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host started before any model was installed (lexical answers, "install the model" notice) takes the model the user
 * installs meanwhile, without being restarted: hello goes from {@code missing} to {@code ready}, asks answer with the
 * model, and a page prepared for the lexical engine is refused by id (the extension sends its text again).
 */
class ModelInstalledWhileRunningIT {
  private static final String EXTENSION = "chrome-extension://figobfochmfbacgiggdecdnedcidedin/";

  @TempDir Path temp;

  @Test
  void aModelInstalledWhileTheHostRunsIsUsedFromTheNextAsk() throws Exception {
    Path modelDir = temp.resolve("models").resolve("mobilebert");
    try (HostProcess host = HostProcess.start("--model", modelDir.toString(), EXTENSION)) {
      assertEquals("missing", modelState(HostProcessIT.awaitModel(host, "missing")));
      String lexicalPage = PrepareAndPartialIT.expect(host, Requests.prepare("p-1", TestModels.PAGE), "prepared")
          .get("pageId").getAsString();
      assertEquals("lexical", mode(PrepareAndPartialIT.expect(host,
          Requests.ask("a-1", HostProcessIT.QUESTION, TestModels.PAGE), "answers")));

      // As `askpage model install` does: the finished folder moved into place in one rename.
      Path staging = TestModels.oracle(temp.resolve("staging"));
      Files.createDirectories(modelDir.getParent());
      Files.move(staging, modelDir, StandardCopyOption.ATOMIC_MOVE);

      List<String> states = awaitReady(host);
      assertTrue(states.contains("ready"), "states seen: " + states);
      // The question asked before the model came does not stop the new model's warm-up (the next asks would).
      assertTrue(host.stderrShows("warm-up done", HostProcessIT.WAIT), host.stderr());

      PrepareAndPartialIT.assertUnknownPage(host.receiveFor(sent(host,
          Requests.askById("a-2", HostProcessIT.QUESTION, lexicalPage)), HostProcessIT.WAIT, new ArrayList<>()));
      JsonObject answers = PrepareAndPartialIT.expect(host,
          Requests.ask("a-3", HostProcessIT.QUESTION, TestModels.PAGE), "answers");
      assertEquals("model", mode(answers), answers::toString);
      assertEquals(TestModels.ANSWER, answers.getAsJsonArray("answers").get(0).getAsJsonObject().get("text")
          .getAsString(), answers::toString);
      assertTrue(host.stderrShows("was installed", HostProcessIT.WAIT), host.stderr());
    }
  }

  /** Says hello until the model is ready (missing until the host looks again, then loading); the states seen. */
  private static List<String> awaitReady(HostProcess host) throws Exception {
    List<String> states = new ArrayList<>();
    long deadline = System.nanoTime() + HostProcessIT.WAIT.toNanos();
    for (int i = 1; System.nanoTime() < deadline; i++) {
      String state = modelState(PrepareAndPartialIT.expect(host, Requests.hello("h-" + i), "hello"));
      if (states.isEmpty() || !states.get(states.size() - 1).equals(state)) {
        states.add(state);
      }
      if (state.equals("ready")) {
        return states;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the model never became ready; states seen: " + states);
  }

  private static com.google.gson.JsonElement sent(HostProcess host, JsonObject request) throws Exception {
    host.send(request);
    return request.get("id");
  }

  private static String modelState(JsonObject hello) {
    JsonObject result = hello.has("result") ? hello.getAsJsonObject("result") : hello;
    return result.getAsJsonObject("model").get("state").getAsString();
  }

  private static String mode(JsonObject result) {
    return result.get("mode").getAsString();
  }
}
