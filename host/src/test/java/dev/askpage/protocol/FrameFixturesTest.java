package dev.askpage.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The example frames decode, the requests parse, and the replies have the structure PROTOCOL.md shows. */
class FrameFixturesTest {
  private static final List<String> REQUESTS = List.of("hello", "ping", "ask", "cancel", "prepare", "ask-page-id");
  private static final List<String> REPLIES = List.of("hello-reply", "answers-reply", "error-reply", "pong-reply",
      "cancel-reply", "prepared-reply", "partial-reply", "unknown-page-reply");
  /** Fields PROTOCOL.md documents as present only sometimes. */
  private static final Set<String> OPTIONAL = Set.of("result.model.message", "result.model.id", "result.notice",
      "result.timings.transferMs", "result.answers[].truncated", "result.noAnswerProbability");

  private final RequestParser parser = new RequestParser(Limits.defaults());

  @Test
  void everyFixtureFileIsListedAndDecodes() throws IOException {
    Path dir = Path.of("src/test/resources/frames");
    List<String> files = new ArrayList<>();
    try (var stream = Files.list(dir)) {
      stream.forEach(p -> files.add(p.getFileName().toString().replace(".hex", "")));
    }
    List<String> listed = new ArrayList<>(REQUESTS);
    listed.addAll(REPLIES);
    assertEquals(Set.copyOf(listed), Set.copyOf(files), "fixtures on disk vs. fixtures tested");
    for (String name : listed) {
      FrameFixtures.Fixture f = FrameFixtures.load(name);
      assertEquals(f.payload().length, f.declaredLength(), name + ": length field vs. payload");
    }
  }

  @Test
  void pingIsTheExampleInProtocolMd() throws IOException {
    String md = Files.readString(ErrorCodesTest.protocolMd());
    String line = Files.readString(Path.of("src/test/resources/frames/ping.hex")).strip();
    assertTrue(md.contains("\n" + line + "\n"), "PROTOCOL.md shows ping.hex as: " + line);
  }

  @Test
  void requestsParse() throws ProtocolException {
    Map<String, Class<? extends Request>> types = Map.of("hello", Request.Hello.class, "ping", Request.Ping.class,
        "ask", Request.Ask.class, "cancel", Request.Cancel.class, "prepare", Request.Prepare.class,
        "ask-page-id", Request.Ask.class);
    for (String name : REQUESTS) {
      Request r = parser.request(parser.object(FrameFixtures.load(name).payload()));
      assertInstanceOf(types.get(name), r, name);
    }
    Request.Ask ask = (Request.Ask) parser.request(parser.object(FrameFixtures.load("ask").payload()));
    assertTrue(ask.url().isPresent() && ask.top().isPresent() && ask.maxWindows().isPresent()
        && ask.tab().isPresent() && ask.sentAt().isPresent(), "ask.hex shows every optional field");
  }

  @Test
  void repliesAreStrictUtf8JsonObjectsWithIdAndType() throws ProtocolException {
    for (String name : REPLIES) {
      parser.object(FrameFixtures.load(name).payload()); // strict UTF-8 and JSON, one object
      JsonObject reply = FrameFixtures.load(name).json(); // all members (the request parser keeps only its own)
      assertTrue(reply.has("id") && reply.has("type"), name);
      assertTrue(reply.has("result") != reply.has("error"), name + ": a result or an error");
    }
  }

  @Test
  void answersMatchTheAskedText() {
    JsonObject ask = FrameFixtures.load("ask").json();
    JsonObject reply = FrameFixtures.load("answers-reply").json();
    assertEquals(ask.get("id"), reply.get("id"));
    String text = ask.get("text").getAsString();
    for (JsonElement a : reply.getAsJsonObject("result").getAsJsonArray("answers")) {
      JsonObject answer = a.getAsJsonObject();
      assertEquals(text.substring(answer.get("start").getAsInt(), answer.get("end").getAsInt()),
          answer.get("text").getAsString());
    }
  }

  @Test
  void errorReplyNamesItsCode() {
    JsonObject error = FrameFixtures.load("error-reply").json().getAsJsonObject("error");
    ErrorCode code = ErrorCode.values()[error.get("code").getAsInt() - 1];
    assertEquals(code.wireName(), error.get("name").getAsString());
    assertFalse(error.get("message").getAsString().isBlank());
  }

  @Test
  void repliesHaveTheStructureProtocolMdShows() throws IOException {
    Map<String, JsonObject> examples = protocolExamples();
    assertStructure("hello-reply", examples.get("hello"));
    assertStructure("answers-reply", examples.get("answers"));
    assertStructure("error-reply", examples.get("error"));
    assertStructure("pong-reply", JsonParser.parseString("{\"id\": 4, \"type\": \"pong\", \"result\": {}}")
        .getAsJsonObject());
  }

  private static void assertStructure(String fixture, JsonObject documented) {
    Map<String, String> expected = new HashMap<>(FrameFixtures.structure(documented));
    Map<String, String> actual = new HashMap<>(FrameFixtures.structure(FrameFixtures.load(fixture).json()));
    expected.keySet().removeAll(OPTIONAL);
    actual.keySet().removeAll(OPTIONAL);
    assertEquals(expected, actual, fixture + " vs. PROTOCOL.md");
  }

  /** Every line or ```json block of PROTOCOL.md that is a whole reply, by its type. */
  static Map<String, JsonObject> protocolExamples() throws IOException {
    String md = Files.readString(ErrorCodesTest.protocolMd());
    Matcher m = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(md);
    Map<String, JsonObject> out = new HashMap<>();
    while (m.find()) {
      List<String> candidates = new ArrayList<>(m.group(1).lines().toList());
      candidates.add(m.group(1));
      for (String c : candidates) {
        try {
          JsonElement e = JsonParser.parseString(c);
          if (e.isJsonObject() && e.getAsJsonObject().has("type")
              && (e.getAsJsonObject().has("result") || e.getAsJsonObject().has("error"))) {
            out.putIfAbsent(e.getAsJsonObject().get("type").getAsString(), e.getAsJsonObject());
          }
        } catch (RuntimeException notWholeJson) {
          // "{ ... }" placeholders: not an example of a whole reply
        }
      }
    }
    return out;
  }
}
