package dev.askpage.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestParserTest {
  private final RequestParser parser = new RequestParser(Limits.defaults().withMaxTextChars(10));

  private Request parse(String json) throws ProtocolException {
    return parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private Request parse(byte[] payload) throws ProtocolException {
    return parser.request(parser.object(payload));
  }

  private ErrorCode refused(String json) {
    return refused(json.getBytes(StandardCharsets.UTF_8));
  }

  private ErrorCode refused(byte[] payload) {
    return assertThrows(ProtocolException.class, () -> parse(payload)).code();
  }

  @Test
  void parsesEachType() throws ProtocolException {
    assertEquals(new Request.Hello(new JsonPrimitive(1)), parse("{\"id\":1,\"type\":\"hello\"}"));
    assertEquals(new Request.Ping(new JsonPrimitive("p")), parse("{\"id\":\"p\",\"type\":\"ping\"}"));
    assertEquals(new Request.Cancel(new JsonPrimitive(3), new JsonPrimitive("a")),
        parse("{\"id\":3,\"type\":\"cancel\",\"target\":\"a\"}"));
    Request.Ask ask = (Request.Ask) parse("{\"id\":2,\"type\":\"ask\",\"question\":\"who?\",\"text\":\"Bob.\","
        + "\"url\":\"https://x\",\"top\":3,\"maxWindows\":256,\"tab\":\"t1\",\"sentAt\":1.7e12}");
    assertEquals("who?", ask.question());
    assertEquals(Optional.of("Bob."), ask.text());
    assertEquals(Optional.of("https://x"), ask.url());
    assertEquals(3, ask.top().getAsInt());
    assertEquals(256, ask.maxWindows().getAsInt());
    assertEquals(Optional.of(new JsonPrimitive("t1")), ask.tab());
    assertEquals(1.7e12, ask.sentAt().getAsDouble());
  }

  @Test
  void idsAreNumbersOrStringsKeptAsSent() throws ProtocolException {
    assertEquals(new JsonPrimitive(7), parse("{\"id\":7,\"type\":\"ping\"}").id());
    assertEquals("-1.5e3", parse("{\"id\":-1.5e3,\"type\":\"ping\"}").id().getAsJsonPrimitive().toString());
    assertEquals(new JsonPrimitive("x y"), parse("{\"id\":\"x y\",\"type\":\"ping\"}").id());
    assertEquals(new JsonPrimitive(""), parse("{\"id\":\"\",\"type\":\"ping\"}").id());
  }

  @Test
  void idOfGivesNullForUnreadableIds() throws ProtocolException {
    assertEquals(JsonNull.INSTANCE, RequestParser.idOf(parser.object(b("{\"id\":{},\"type\":\"ping\"}"))));
    assertEquals(JsonNull.INSTANCE, RequestParser.idOf(parser.object(b("{\"type\":\"ping\"}"))));
    assertEquals(JsonNull.INSTANCE, RequestParser.idOf(parser.object(b("{\"id\":true}"))));
    assertEquals(new JsonPrimitive(5), RequestParser.idOf(parser.object(b("{\"id\":5,\"type\":9}"))));
  }

  @Test
  void invalidUtf8() {
    assertEquals(ErrorCode.INVALID_UTF8, refused(new byte[] {'{', (byte) 0xFF, '}'}));
    assertEquals(ErrorCode.INVALID_UTF8, refused(new byte[] {'"', (byte) 0xC0, (byte) 0x80, '"'})); // overlong
    assertEquals(ErrorCode.INVALID_UTF8, refused(new byte[] {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'}));
    assertEquals(ErrorCode.INVALID_UTF8, refused(new byte[] {'"', (byte) 0xE2, (byte) 0x82})); // cut short
  }

  @Test
  void invalidJson() {
    for (String json : new String[] {"", " ", "{", "{\"id\":1,", "{'id':1}", "{id:1}", "[1,]", "NaN",
        "{\"id\":1,\"type\":\"ping\",}", "{\"id\":01}", "{\"a\":\"tab\there\"}", "[".repeat(10_000)}) {
      assertEquals(ErrorCode.INVALID_JSON, refused(json), json.length() > 40 ? "deep nesting" : json);
    }
  }

  @Test
  void trailingGarbageAfterTheObjectIsInvalidJson() {
    assertEquals(ErrorCode.INVALID_JSON, refused("{\"id\":1,\"type\":\"ping\"} x"));
    assertEquals(ErrorCode.INVALID_JSON, refused("{\"id\":1,\"type\":\"ping\"}{\"id\":2,\"type\":\"ping\"}"));
    assertEquals(ErrorCode.INVALID_JSON, refused("{\"id\":1,\"type\":\"ping\"}}"));
    assertEquals(ErrorCode.INVALID_JSON, refused("{\"id\":1,\"type\":\"ping\"}\u0000"));
  }

  @Test
  void whiteSpaceAroundTheObjectAndAByteOrderMarkAreAccepted() throws ProtocolException {
    assertInstanceOf(Request.Ping.class, parse(" \n{\"id\":1,\"type\":\"ping\"}\r\n\t"));
    // RFC 8259 lets a parser ignore a byte order mark; browsers never send one.
    assertInstanceOf(Request.Ping.class, parse("\ufeff{\"id\":1,\"type\":\"ping\"}"));
  }

  @Test
  void notAnObject() {
    for (String json : new String[] {"1", "\"ping\"", "[]", "null", "true", "[{\"id\":1,\"type\":\"ping\"}]"}) {
      assertEquals(ErrorCode.NOT_AN_OBJECT, refused(json), json);
    }
  }

  @Test
  void unknownType() {
    assertEquals(ErrorCode.UNKNOWN_TYPE, refused("{\"id\":1,\"type\":\"frobnicate\"}"));
    assertEquals(ErrorCode.UNKNOWN_TYPE, refused("{\"id\":1,\"type\":\"Ping\"}"));
    assertEquals(ErrorCode.UNKNOWN_TYPE, refused("{\"id\":1,\"type\":\"\"}"));
  }

  @Test
  void badFields() {
    String[] bad = {
      "{\"type\":\"ping\"}", "{\"id\":null,\"type\":\"ping\"}", "{\"id\":{},\"type\":\"ping\"}",
      "{\"id\":[1],\"type\":\"ping\"}", "{\"id\":true,\"type\":\"ping\"}", "{\"id\":1}", "{\"id\":1,\"type\":3}",
      "{\"id\":1,\"type\":\"cancel\"}", "{\"id\":1,\"type\":\"cancel\",\"target\":null}",
      "{\"id\":1,\"type\":\"cancel\",\"target\":{}}", "{\"id\":1,\"type\":\"ask\",\"text\":\"t\"}",
      "{\"id\":1,\"type\":\"ask\",\"question\":\"q\"}", "{\"id\":1,\"type\":\"ask\",\"question\":1,\"text\":\"t\"}",
      ask("\"top\":0"), ask("\"top\":21"), ask("\"top\":1.5"), ask("\"top\":\"5\""), ask("\"top\":1e10"),
      ask("\"maxWindows\":0"), ask("\"maxWindows\":257"), ask("\"tab\":{}"), ask("\"tab\":true"),
      ask("\"sentAt\":\"now\""), ask("\"url\":5")};
    for (String json : bad) {
      assertEquals(ErrorCode.BAD_FIELD, refused(json), json);
    }
  }

  @Test
  void nullOptionalFieldsAreAbsent() throws ProtocolException {
    Request.Ask ask = (Request.Ask) parse(ask("\"top\":null,\"maxWindows\":null,\"tab\":null,\"url\":null,"
        + "\"sentAt\":null"));
    assertTrue(ask.top().isEmpty() && ask.maxWindows().isEmpty() && ask.tab().isEmpty() && ask.url().isEmpty()
        && ask.sentAt().isEmpty());
  }

  @Test
  void integralNumbersWithAFractionPartAreIntegers() throws ProtocolException {
    assertEquals(5, ((Request.Ask) parse(ask("\"top\":5.0"))).top().getAsInt());
    assertEquals(20, ((Request.Ask) parse(ask("\"top\":2e1"))).top().getAsInt());
  }

  @Test
  void emptyQuestion() {
    for (String q : new String[] {"", " ", "\\t\\n", "\\u2003"}) {
      assertEquals(ErrorCode.EMPTY_QUESTION, refused("{\"id\":1,\"type\":\"ask\",\"question\":\"" + q
          + "\",\"text\":\"t\"}"), q);
    }
  }

  @Test
  void aQuestionOfInvisibleCharactersOnlyIsEmpty() {
    // Zero-width and format characters, no-break spaces, a lone combining mark, U+FFFD: nothing the tokenizer keeps.
    for (String q : new String[] {"\\u200b", "\\ufeff", "\\u2060", "\\u00a0", "\\u2007\\u202f",
        "\\u200b \\ufeff\\u00a0\\u2060", "\\u200d\\u200c\\u00ad", "\\u0301", "\\ufffd", "\\u0000\\u0007",
        "\\u2028\\u2029", "\\ud800"}) {
      assertEquals(ErrorCode.EMPTY_QUESTION, refused("{\"id\":1,\"type\":\"ask\",\"question\":\"" + q
          + "\",\"text\":\"t\"}"), q);
    }
  }

  @Test
  void aQuestionWithAnyLetterDigitPunctuationOrSymbolIsRead() throws ProtocolException {
    for (String q : new String[] {"\\u200bwho?", "\\u00a0\\u00e9", "\\u4e2d", "42", "?", "\\u20ac",
        "\\ud83d\\ude42", "\\u2160"}) {
      assertInstanceOf(Request.Ask.class, parse("{\"id\":1,\"type\":\"ask\",\"question\":\"" + q
          + "\",\"text\":\"t\"}"), q);
    }
  }

  @Test
  void textOverTheLimitCountsUtf16CodeUnits() throws ProtocolException {
    assertEquals(ErrorCode.TEXT_TOO_LARGE, refused(askText("12345678901")));
    assertInstanceOf(Request.Ask.class, parse(askText("1234567890")));
    // Five emoji are ten UTF-16 code units: at the limit. One more unit is over it.
    assertInstanceOf(Request.Ask.class, parse(askText("🙂🙂🙂🙂🙂")));
    assertEquals(ErrorCode.TEXT_TOO_LARGE, refused(askText("🙂🙂🙂🙂🙂x")));
  }

  @Test
  void loneSurrogateEscapesAreValidJson() throws ProtocolException {
    Request.Ask ask = (Request.Ask) parse("{\"id\":\"\\ud800\",\"type\":\"ask\",\"question\":\"a\\udc00b\","
        + "\"text\":\"x\\ud83d\"}");
    assertEquals(new JsonPrimitive("\ud800"), ask.id());
    assertEquals("a\udc00b", ask.question());
    assertEquals(Optional.of("x\ud83d"), ask.text());
  }

  @Test
  void unknownFieldsAreIgnored() throws ProtocolException {
    assertInstanceOf(Request.Ping.class, parse("{\"id\":1,\"type\":\"ping\",\"future\":{\"x\":[1,null]}}"));
  }

  @Test
  void theLastOfDuplicateKeysWins() throws ProtocolException {
    assertEquals(new JsonPrimitive(2), parse("{\"id\":1,\"id\":2,\"type\":\"ping\"}").id());
  }

  private static String ask(String extra) {
    return "{\"id\":1,\"type\":\"ask\",\"question\":\"q\",\"text\":\"t\"," + extra + "}";
  }

  private static String askText(String text) {
    JsonObject o = new JsonObject();
    o.addProperty("id", 1);
    o.addProperty("type", "ask");
    o.addProperty("question", "q");
    o.addProperty("text", text);
    return o.toString();
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
