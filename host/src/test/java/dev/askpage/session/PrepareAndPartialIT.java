package dev.askpage.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code prepare}, asks by page id and progressive ({@code partial}) answers through a real host process, started as a
 * browser starts it: the oracle model for page ids, the full-size synthetic MobileBERT on a long page for partial
 * replies and their cancellation.
 */
class PrepareAndPartialIT {
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final String ORIGIN = "chrome-extension://figobfochmfbacgiggdecdnedcidedin/";
  private static final String QUESTION = "where does big bird live?";

  @TempDir static Path temp;
  private static HostProcess oracle;
  private static HostProcess full;
  private static String longPage;

  @BeforeAll
  static void startHosts() throws Exception {
    oracle = HostProcess.start("--model", TestModels.oracle(temp.resolve("oracle")).toString(), ORIGIN);
    HostProcessIT.awaitModel(oracle, "ready");
    // A long page with the oracle's answer in the middle: many windows for the full-size model.
    String article = CancelIT.squadArticle(0);
    longPage = article + TestModels.PAGE + "\n\n" + article;
    full = HostProcess.start("--model", TestModels.fullMobileBert(temp.resolve("full")).toString(), ORIGIN);
    HostProcessIT.awaitModel(full, "ready");
  }

  @AfterAll
  static void stopHosts() throws Exception {
    for (HostProcess host : new HostProcess[] {oracle, full}) {
      if (host != null) {
        host.closeInput();
        assertEquals(0, host.awaitExit(Duration.ofSeconds(10)));
        host.allFramesAfterExit();
        host.close();
      }
    }
  }

  @Test
  void helloListsPrepareAndPartialAndThePreparedPageBounds() throws Exception {
    oracle.send(Requests.hello("caps"));
    JsonObject result = oracle.receive(WAIT).getAsJsonObject("result");
    JsonArray capabilities = result.getAsJsonArray("capabilities");
    assertTrue(capabilities.contains(new JsonPrimitive("prepare")), capabilities::toString);
    assertTrue(capabilities.contains(new JsonPrimitive("partial")), capabilities::toString);
    JsonObject limits = result.getAsJsonObject("limits");
    assertTrue(limits.get("maxPreparedPages").getAsInt() > 0, limits::toString);
    assertTrue(limits.get("maxPreparedBytes").getAsLong() > 0, limits::toString);
  }

  @Test
  void aPreparedPageIsAskedAboutByItsId() throws Exception {
    String page = "Unique page " + System.nanoTime() + ". " + TestModels.PAGE;
    JsonObject prepared = prepare(oracle, "p-1", page);
    assertFalse(prepared.get("cacheHit").getAsBoolean(), prepared::toString);
    assertEquals(page.length(), prepared.get("chars").getAsInt());
    String pageId = prepared.get("pageId").getAsString();
    assertEquals(pageId, prepare(oracle, "p-2", page).get("pageId").getAsString(), "same text, same id");

    JsonObject answers = expect(oracle, Requests.askById("a-1", QUESTION, pageId), "answers");
    assertEquals(pageId, answers.get("pageId").getAsString());
    assertTrue(answers.getAsJsonObject("timings").get("cacheHit").getAsBoolean(), answers::toString);
    JsonObject best = answers.getAsJsonArray("answers").get(0).getAsJsonObject();
    assertEquals(TestModels.ANSWER, best.get("text").getAsString());
    assertEquals(page.substring(best.get("start").getAsInt(), best.get("end").getAsInt()), TestModels.ANSWER);

    // An ask that carries the text gets the same id back.
    assertEquals(pageId, expect(oracle, Requests.ask("a-2", QUESTION, page), "answers").get("pageId").getAsString());
  }

  @Test
  void anAskRightAfterThePrepareOfItsTextReusesThePreparation() throws Exception {
    String page = ("A long page " + System.nanoTime() + ". ").repeat(20_000) + TestModels.PAGE;
    oracle.send(Requests.prepare("race-prepare", page));
    JsonObject ask = Requests.ask("race-ask", QUESTION, page);
    oracle.send(ask);
    List<JsonObject> replies = new ArrayList<>();
    replies.add(oracle.receive(WAIT));
    replies.add(oracle.receive(WAIT));
    JsonObject answers = byId(replies, "race-ask");
    assertEquals("answers", answers.get("type").getAsString(), answers::toString);
    assertTrue(answers.getAsJsonObject("result").getAsJsonObject("timings").get("cacheHit").getAsBoolean(),
        "the ask waited for the prepare's work instead of tokenising the page again: " + answers);
    assertEquals("prepared", byId(replies, "race-prepare").get("type").getAsString());
  }

  @Test
  void aPrepareOfALongPageDoesNotHoldUpAnAskAboutAnotherPage() throws Exception {
    // Two million characters take the preparer seconds; the small page's question is answered meanwhile.
    String huge = ("Another long page " + System.nanoTime() + " with many words. ").repeat(50_000);
    oracle.send(Requests.prepare("huge-prepare", huge));
    oracle.send(Requests.ask("small-ask", QUESTION, "Small page. " + TestModels.PAGE));
    JsonObject first = oracle.receive(WAIT);
    assertEquals(new JsonPrimitive("small-ask"), first.get("id"), "the ask did not queue behind the prepare: "
        + first);
    assertEquals("answers", first.get("type").getAsString(), first::toString);
    JsonObject prepared = oracle.receive(WAIT);
    assertEquals(new JsonPrimitive("huge-prepare"), prepared.get("id"), prepared::toString);
    assertEquals("prepared", prepared.get("type").getAsString(), prepared::toString);
  }

  @Test
  void anUnknownOrEvictedPageIdIsError13AndTheTextStillWorks() throws Exception {
    JsonObject unknown = oracle.receiveFor(send(oracle, Requests.askById("u-1", QUESTION, "no-such-page")), WAIT,
        new ArrayList<>());
    assertUnknownPage(unknown);

    String first = "Evicted page. " + TestModels.PAGE;
    String firstId = prepare(oracle, "e-0", first).get("pageId").getAsString();
    oracle.send(Requests.hello("bounds"));
    int maxPages = oracle.receive(WAIT).getAsJsonObject("result").getAsJsonObject("limits")
        .get("maxPreparedPages").getAsInt();
    for (int i = 1; i <= maxPages; i++) {
      prepare(oracle, "e-" + i, "Page number " + i + ". " + TestModels.PAGE);
    }
    assertUnknownPage(oracle.receiveFor(send(oracle, Requests.askById("u-2", QUESTION, firstId)), WAIT,
        new ArrayList<>()));
    // The extension's recovery: the same question with the text.
    JsonObject again = expect(oracle, Requests.ask("u-3", QUESTION, first), "answers");
    assertEquals(firstId, again.get("pageId").getAsString());
    assertEquals(TestModels.ANSWER, again.getAsJsonArray("answers").get(0).getAsJsonObject().get("text")
        .getAsString());
  }

  @Test
  void partialThenFinalAnswersTheSameAsWithoutPartial() throws Exception {
    String pageId = prepare(full, "lp", longPage).get("pageId").getAsString();
    JsonObject plain = expect(full, Requests.askById("plain", QUESTION, pageId), "answers");

    JsonObject progressive = Requests.askById("prog", QUESTION, pageId);
    progressive.addProperty("partial", true);
    full.send(progressive);
    JsonObject partial = full.receive(WAIT);
    assertEquals(new JsonPrimitive("prog"), partial.get("id"), partial::toString);
    assertEquals("partial", partial.get("type").getAsString(), partial::toString);
    JsonObject partialResult = partial.getAsJsonObject("result");
    assertEquals(1, partialResult.getAsJsonObject("timings").get("windows").getAsInt());
    assertEquals(pageId, partialResult.get("pageId").getAsString());
    assertAnswersIndex(longPage, partialResult);
    JsonObject last = full.receive(WAIT);
    assertEquals("answers", last.get("type").getAsString(), last::toString);
    JsonObject finalResult = last.getAsJsonObject("result");
    assertEquals(plain.getAsJsonObject("timings").get("windows"), finalResult.getAsJsonObject("timings")
        .get("windows"));
    assertEquals(spans(plain), spans(finalResult), "final answers as without partial");
    System.out.printf("partial after %.0f ms, final after %.0f ms (plain ask: %.0f ms)%n",
        partialResult.getAsJsonObject("timings").get("totalMs").getAsDouble(),
        finalResult.getAsJsonObject("timings").get("totalMs").getAsDouble(),
        plain.getAsJsonObject("timings").get("totalMs").getAsDouble());
  }

  @Test
  void anAskWithoutPartialGetsOnlyItsAnswers() throws Exception {
    full.send(Requests.ask("old-client", QUESTION, longPage));
    JsonObject first = full.receive(WAIT);
    assertEquals(new JsonPrimitive("old-client"), first.get("id"), first::toString);
    assertEquals("answers", first.get("type").getAsString(), "no partial before the answers: " + first);
    assertTrue(first.getAsJsonObject("result").getAsJsonObject("timings").get("windows").getAsInt() > 1);
    full.send(Requests.ping("after-old"));
    assertEquals(new JsonPrimitive("after-old"), full.receive(WAIT).get("id"), "and nothing after them");
  }

  @Test
  void noPartialIsWrittenAfterTheCancelReply() throws Exception {
    JsonObject ask = Requests.ask("to-cancel", QUESTION, longPage + "x");
    ask.addProperty("partial", true);
    ask.addProperty("maxWindows", 64);
    full.send(ask);
    full.send(Requests.cancel("cancel-it", "to-cancel"));
    List<JsonObject> frames = new ArrayList<>();
    JsonObject error = full.receiveFor(new JsonPrimitive("to-cancel"), WAIT, frames);
    while ("partial".equals(error.get("type").getAsString())) {
      frames.add(error);
      error = full.receiveFor(new JsonPrimitive("to-cancel"), WAIT, frames);
    }
    assertEquals("cancelled", error.getAsJsonObject("error").get("name").getAsString(), error::toString);
    full.send(Requests.ping("after-cancel"));
    JsonObject pong = full.receiveFor(new JsonPrimitive("after-cancel"), WAIT, frames);
    assertEquals("pong", pong.get("type").getAsString());
    int cancelReply = indexOf(frames, "cancel-it");
    assertTrue(cancelReply >= 0, "the cancel was answered: " + frames);
    for (int i = cancelReply + 1; i < frames.size(); i++) {
      assertFalse("partial".equals(frames.get(i).get("type").getAsString()), "partial after the cancel: " + frames);
    }
  }

  @Test
  void aNewerAskForTheSameTabStopsTheOlderAfterItsPartial() throws Exception {
    JsonObject older = Requests.ask("older", QUESTION, longPage + "y");
    older.addProperty("partial", true);
    older.addProperty("maxWindows", 64);
    older.addProperty("tab", 9);
    full.send(older);
    JsonObject partial = full.receive(WAIT);
    assertEquals("partial", partial.get("type").getAsString(), partial::toString);
    JsonObject newer = Requests.ask("newer", QUESTION, TestModels.PAGE);
    newer.addProperty("partial", true);
    newer.addProperty("tab", 9);
    full.send(newer);
    JsonObject stopped = full.receive(WAIT);
    assertEquals(new JsonPrimitive("older"), stopped.get("id"), "nothing more of the older but its end: " + stopped);
    assertEquals("cancelled", stopped.getAsJsonObject("error").get("name").getAsString(), stopped::toString);
    JsonObject answers = full.receive(WAIT);
    assertEquals(new JsonPrimitive("newer"), answers.get("id"), answers::toString);
    assertEquals("answers", answers.get("type").getAsString(), "one window: no partial: " + answers);
  }

  private static JsonObject prepare(HostProcess host, Object id, String text) throws Exception {
    return expect(host, Requests.prepare(id, text), "prepared");
  }

  private static JsonElement send(HostProcess host, JsonObject request) throws Exception {
    host.send(request);
    return request.get("id");
  }

  /** Sends a request and returns the result of its reply, which must be of {@code type}. */
  static JsonObject expect(HostProcess host, JsonObject request, String type) throws Exception {
    JsonObject reply = host.receiveFor(send(host, request), WAIT, new ArrayList<>());
    assertEquals(type, reply.get("type").getAsString(), reply::toString);
    return reply.getAsJsonObject("result");
  }

  static void assertUnknownPage(JsonObject reply) {
    assertEquals("error", reply.get("type").getAsString(), reply::toString);
    assertEquals(13, reply.getAsJsonObject("error").get("code").getAsInt(), reply::toString);
    assertEquals("unknown_page", reply.getAsJsonObject("error").get("name").getAsString());
  }

  private static void assertAnswersIndex(String page, JsonObject result) {
    for (JsonElement a : result.getAsJsonArray("answers")) {
      JsonObject answer = a.getAsJsonObject();
      assertEquals(page.substring(answer.get("start").getAsInt(), answer.get("end").getAsInt()),
          answer.get("text").getAsString());
    }
  }

  private static List<String> spans(JsonObject result) {
    List<String> out = new ArrayList<>();
    for (JsonElement a : result.getAsJsonArray("answers")) {
      out.add(a.getAsJsonObject().get("start").getAsInt() + "-" + a.getAsJsonObject().get("end").getAsInt());
    }
    return out;
  }

  private static JsonObject byId(List<JsonObject> replies, String id) {
    return replies.stream().filter(r -> new JsonPrimitive(id).equals(r.get("id"))).findFirst()
        .orElseThrow(() -> new AssertionError("no reply " + id + " in " + replies));
  }

  private static int indexOf(List<JsonObject> frames, String id) {
    for (int i = 0; i < frames.size(); i++) {
      if (new JsonPrimitive(id).equals(frames.get(i).get("id"))) {
        return i;
      }
    }
    return -1;
  }
}
