package dev.askpage.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import org.junit.jupiter.api.Test;

class RepliesTest {
  @Test
  void errorWithoutReadableIdSaysIdNull() {
    String json = Replies.error(JsonNull.INSTANCE, ErrorCode.INVALID_JSON, "bad");
    JsonObject reply = JsonParser.parseString(json).getAsJsonObject();
    assertTrue(reply.has("id"), json);
    assertTrue(reply.get("id").isJsonNull(), json);
    assertEquals(3, reply.getAsJsonObject("error").get("code").getAsInt());
    assertEquals("invalid_json", reply.getAsJsonObject("error").get("name").getAsString());
  }

  @Test
  void resultEchoesId() {
    JsonObject reply = JsonParser.parseString(Replies.result(new JsonPrimitive("x"), "pong", new JsonObject()))
        .getAsJsonObject();
    assertEquals(new JsonPrimitive("x"), reply.get("id"));
    assertEquals("pong", reply.get("type").getAsString());
  }

  @Test
  void loneSurrogatesAreEscapedAndPairsKept() {
    String json = Replies.result(new JsonPrimitive("a\ud800b"), "pong", new JsonObject());
    assertEquals("{\"id\":\"a\\ud800b\",\"type\":\"pong\",\"result\":{}}", json);
    JsonObject answers = new JsonObject();
    answers.add("a", Replies.answer("x\udc00🙂\ud83d", 0, 5, 1, 1, 100));
    String text = Replies.result(new JsonPrimitive(1), "answers", answers);
    assertTrue(text.contains("\"x\\udc00🙂\\ud83d\""), text);
    // The escaped text parses back to the same string.
    assertEquals("x\udc00🙂\ud83d", JsonParser.parseString(text).getAsJsonObject().getAsJsonObject("result")
        .getAsJsonObject("a").get("text").getAsString());
  }

  @Test
  void answerTextIsCutWithoutSplittingASurrogatePair() {
    JsonObject a = Replies.answer("ab🙂cd", 0, 6, 1, 1, 3);
    assertEquals("ab", a.get("text").getAsString());
    assertTrue(a.get("truncated").getAsBoolean());
  }
}
