package dev.askpage.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.askpage.session.PageCache;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The fixtures of {@code prepare}, asks by page id and {@code partial} replies agree with each other and PROTOCOL.md. */
class PageFrameFixturesTest {
  private final RequestParser parser = new RequestParser(Limits.defaults());

  private Request request(String fixture) throws ProtocolException {
    return parser.request(parser.object(FrameFixtures.load(fixture).payload()));
  }

  @Test
  void thePreparedPageIdIsTheOneThisHostGivesTheText() throws ProtocolException {
    Request.Prepare prepare = (Request.Prepare) request("prepare");
    JsonObject prepared = FrameFixtures.load("prepared-reply").json();
    String pageId = prepared.getAsJsonObject("result").get("pageId").getAsString();
    assertEquals(prepare.id(), prepared.get("id"));
    assertEquals(PageCache.key(prepare.text(), true), pageId);
    assertEquals(prepare.text().length(), prepared.getAsJsonObject("result").get("chars").getAsInt());
    assertTrue(prepare.url().isPresent() && prepare.tab().isPresent(), "prepare.hex shows every optional field");

    Request.Ask byId = (Request.Ask) request("ask-page-id");
    assertEquals(Optional.of(pageId), byId.pageId());
    assertTrue(byId.partial());
    assertEquals(pageId, FrameFixtures.load("answers-reply").json().getAsJsonObject("result").get("pageId")
        .getAsString());
  }

  @Test
  void partialAnswersIndexThePreparedText() throws ProtocolException {
    String text = ((Request.Prepare) request("prepare")).text();
    JsonObject partial = FrameFixtures.load("partial-reply").json();
    assertEquals(request("ask-page-id").id(), partial.get("id"));
    for (JsonElement a : partial.getAsJsonObject("result").getAsJsonArray("answers")) {
      JsonObject answer = a.getAsJsonObject();
      assertEquals(text.substring(answer.get("start").getAsInt(), answer.get("end").getAsInt()),
          answer.get("text").getAsString());
    }
  }

  @Test
  void unknownPageIsCode13() {
    JsonObject error = FrameFixtures.load("unknown-page-reply").json().getAsJsonObject("error");
    assertEquals(ErrorCode.UNKNOWN_PAGE.code(), error.get("code").getAsInt());
    assertEquals(ErrorCode.UNKNOWN_PAGE.wireName(), error.get("name").getAsString());
  }

  @Test
  void repliesHaveTheStructureProtocolMdShows() throws IOException {
    Map<String, JsonObject> examples = FrameFixturesTest.protocolExamples();
    assertSameStructure("prepared-reply", examples.get("prepared"));
    assertSameStructure("partial-reply", examples.get("partial"));
  }

  private static void assertSameStructure(String fixture, JsonObject documented) {
    assertTrue(documented != null, fixture + ": PROTOCOL.md shows an example");
    assertEquals(new HashMap<>(FrameFixtures.structure(documented)),
        new HashMap<>(FrameFixtures.structure(FrameFixtures.load(fixture).json())), fixture + " vs. PROTOCOL.md");
  }
}
