package dev.askpage.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.askpage.models.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long ask (full-size synthetic MobileBERT, a whole SQuAD article three times, 64 windows) is stopped by
 * {@code cancel} or by a newer ask for the same tab, and the host goes on answering. Times are printed, not asserted.
 */
class CancelIT {
  private static final Duration WAIT = Duration.ofSeconds(120);
  /** Long enough for the ask to be tokenised and well into its windows. */
  private static final long MID_WAY_MS = 1500;

  @TempDir static Path temp;
  private static Path model;
  private static String bigPage;
  private static HostProcess host;

  @BeforeAll
  static void startHost() throws Exception {
    model = TestModels.fullMobileBert(temp.resolve("full"));
    bigPage = squadArticle(0).repeat(3);
    host = HostProcess.start("--model", model.toString(), "chrome-extension://figobfochmfbacgiggdecdnedcidedin/");
    HostProcessIT.awaitModel(host, "ready");
  }

  @AfterAll
  static void stopHost() throws Exception {
    host.closeInput();
    assertEquals(0, host.awaitExit(Duration.ofSeconds(10)));
    host.allFramesAfterExit();
    host.close();
  }

  @Test
  void cancelStopsALongAskAndTheNextAskIsAnswered() throws Exception {
    host.send(longAsk("long-1", null));
    Thread.sleep(MID_WAY_MS);
    long t0 = System.nanoTime();
    host.send(Requests.cancel("c-1", "long-1"));
    List<JsonObject> replies = new ArrayList<>();
    replies.add(host.receive(WAIT));
    replies.add(host.receive(WAIT));
    double cancelledAfterMs = (System.nanoTime() - t0) / 1e6;
    JsonObject cancelReply = byId(replies, "c-1");
    assertEquals("cancel", cancelReply.get("type").getAsString(), cancelReply::toString);
    assertTrue(cancelReply.getAsJsonObject("result").get("cancelled").getAsBoolean(), cancelReply::toString);
    assertCancelled(byId(replies, "long-1"));
    System.out.printf("cancel: the long ask replied 'cancelled' %.0f ms after the cancel was sent%n",
        cancelledAfterMs);

    assertSmallAskAnswered("after-cancel");

    // For comparison, not asserted: one batch of 4 windows of the same (now cached) page.
    JsonObject oneBatch = longAsk("one-batch", null);
    oneBatch.addProperty("maxWindows", 4);
    long t1 = System.nanoTime();
    host.send(oneBatch);
    JsonObject batch = host.receive(WAIT);
    assertEquals("answers", batch.get("type").getAsString(), batch::toString);
    double batchMs = (System.nanoTime() - t1) / 1e6;
    System.out.printf("cancel: 4 windows take %.0f ms, so the 64-window ask would have taken about %.0f ms%n",
        batchMs, batchMs * 16);
    // Cancelling what has finished, or was never asked, says so.
    host.send(Requests.cancel("c-2", "long-1"));
    assertFalse(host.receive(WAIT).getAsJsonObject("result").get("cancelled").getAsBoolean());
    host.send(Requests.cancel("c-3", 424242));
    assertFalse(host.receive(WAIT).getAsJsonObject("result").get("cancelled").getAsBoolean());
  }

  @Test
  void aNewerAskForTheSameTabSupersedesTheOlder() throws Exception {
    host.send(longAsk("tab-old", 7));
    Thread.sleep(MID_WAY_MS);
    long t0 = System.nanoTime();
    JsonObject newer = Requests.ask("tab-new", "where does big bird live?", TestModels.PAGE);
    newer.addProperty("tab", 7);
    host.send(newer);
    JsonObject first = host.receive(WAIT);
    double cancelledAfterMs = (System.nanoTime() - t0) / 1e6;
    assertEquals(new JsonPrimitive("tab-old"), first.get("id"), "the older ask replies first: " + first);
    assertCancelled(first);
    JsonObject second = host.receive(WAIT);
    assertEquals(new JsonPrimitive("tab-new"), second.get("id"), second::toString);
    assertEquals("answers", second.get("type").getAsString(), second::toString);
    System.out.printf("tab: the older ask replied 'cancelled' %.0f ms after the newer was sent; the newer "
        + "answered %.0f ms after it was sent%n", cancelledAfterMs, (System.nanoTime() - t0) / 1e6);
  }

  @Test
  void anAskForAnotherTabIsNotCancelled() throws Exception {
    JsonObject a = Requests.ask("tab-a", "where does big bird live?", TestModels.PAGE);
    a.addProperty("tab", "a");
    JsonObject b = Requests.ask("tab-b", "where does big bird live?", TestModels.PAGE);
    b.addProperty("tab", "b");
    host.send(a);
    host.send(b);
    assertEquals("answers", host.receive(WAIT).get("type").getAsString());
    assertEquals("answers", host.receive(WAIT).get("type").getAsString());
  }

  private static void assertSmallAskAnswered(String id) throws Exception {
    host.send(Requests.ask(id, "where does big bird live?", TestModels.PAGE));
    JsonObject reply = host.receive(WAIT);
    assertEquals(new JsonPrimitive(id), reply.get("id"), reply::toString);
    assertEquals("answers", reply.get("type").getAsString(), reply::toString);
    assertEquals("model", reply.getAsJsonObject("result").get("mode").getAsString());
  }

  private static void assertCancelled(JsonObject reply) {
    assertEquals("error", reply.get("type").getAsString(), reply::toString);
    assertEquals(9, reply.getAsJsonObject("error").get("code").getAsInt(), reply::toString);
    assertEquals("cancelled", reply.getAsJsonObject("error").get("name").getAsString());
  }

  private static JsonObject longAsk(String id, Integer tab) {
    JsonObject ask = Requests.ask(id, "Which team won the Super Bowl and where was it played?", bigPage);
    ask.addProperty("maxWindows", 64);
    if (tab != null) {
      ask.addProperty("tab", tab);
    }
    return ask;
  }

  private static JsonObject byId(List<JsonObject> replies, String id) {
    return replies.stream().filter(r -> new JsonPrimitive(id).equals(r.get("id"))).findFirst()
        .orElseThrow(() -> new AssertionError("no reply " + id + " in " + replies));
  }

  /** The paragraphs of one SQuAD dev article, separated by blank lines. */
  static String squadArticle(int index) throws IOException {
    Path squad = SharedData.resolve("squad/dev-v1.1.json");
    JsonArray data = JsonParser.parseString(Files.readString(squad)).getAsJsonObject().getAsJsonArray("data");
    StringBuilder text = new StringBuilder();
    for (JsonElement p : data.get(index).getAsJsonObject().getAsJsonArray("paragraphs")) {
      text.append(p.getAsJsonObject().get("context").getAsString()).append("\n\n");
    }
    return text.toString();
  }
}
