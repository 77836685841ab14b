package dev.askpage.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonPrimitive;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code prepare}, and {@code ask} by {@code pageId} and with {@code partial} (PROTOCOL.md). */
class PageRequestParserTest {
  private final RequestParser parser = new RequestParser(Limits.defaults().withMaxTextChars(10));

  private Request parse(String json) throws ProtocolException {
    return parser.request(parser.object(json.getBytes(StandardCharsets.UTF_8)));
  }

  private ErrorCode refused(String json) {
    return assertThrows(ProtocolException.class, () -> parse(json)).code();
  }

  @Test
  void prepareCarriesTextAndOptionallyUrlAndTab() throws ProtocolException {
    assertEquals(new Request.Prepare(new JsonPrimitive(1), "Bob.", Optional.of("https://x"),
            Optional.of(new JsonPrimitive(7))),
        parse("{\"id\":1,\"type\":\"prepare\",\"text\":\"Bob.\",\"url\":\"https://x\",\"tab\":7}"));
    assertEquals(new Request.Prepare(new JsonPrimitive("p"), "", Optional.empty(), Optional.empty()),
        parse("{\"id\":\"p\",\"type\":\"prepare\",\"text\":\"\",\"url\":null,\"tab\":null}"));
  }

  @Test
  void prepareRefusesWhatAskRefuses() {
    assertEquals(ErrorCode.BAD_FIELD, refused("{\"id\":1,\"type\":\"prepare\"}"));
    assertEquals(ErrorCode.BAD_FIELD, refused("{\"id\":1,\"type\":\"prepare\",\"text\":5}"));
    assertEquals(ErrorCode.BAD_FIELD, refused("{\"id\":1,\"type\":\"prepare\",\"text\":\"t\",\"tab\":{}}"));
    assertEquals(ErrorCode.BAD_FIELD, refused("{\"type\":\"prepare\",\"text\":\"t\"}"));
    assertEquals(ErrorCode.TEXT_TOO_LARGE, refused("{\"id\":1,\"type\":\"prepare\",\"text\":\"12345678901\"}"));
  }

  @Test
  void askByPageIdHasNoText() throws ProtocolException {
    Request.Ask ask = (Request.Ask) parse("{\"id\":2,\"type\":\"ask\",\"question\":\"who?\",\"pageId\":\"abc:t\"}");
    assertEquals(Optional.of("abc:t"), ask.pageId());
    assertEquals(Optional.empty(), ask.text());
    assertFalse(ask.partial());
  }

  @Test
  void askCarriesExactlyOneOfTextAndPageId() {
    assertEquals(ErrorCode.BAD_FIELD, refused("{\"id\":2,\"type\":\"ask\",\"question\":\"q\"}"));
    assertEquals(ErrorCode.BAD_FIELD,
        refused("{\"id\":2,\"type\":\"ask\",\"question\":\"q\",\"text\":\"t\",\"pageId\":\"abc:t\"}"));
    assertEquals(ErrorCode.BAD_FIELD,
        refused("{\"id\":2,\"type\":\"ask\",\"question\":\"q\",\"text\":null,\"pageId\":null}"));
  }

  @Test
  void pageIdIsANonEmptyShortString() {
    for (String bad : new String[] {"5", "\"\"", "[\"a\"]", "{}", "true", "\"" + "a".repeat(129) + "\""}) {
      assertEquals(ErrorCode.BAD_FIELD,
          refused("{\"id\":2,\"type\":\"ask\",\"question\":\"q\",\"pageId\":" + bad + "}"), bad);
    }
  }

  @Test
  void partialIsABoolean() throws ProtocolException {
    assertTrue(((Request.Ask) parse("{\"id\":2,\"type\":\"ask\",\"question\":\"q\",\"text\":\"t\",\"partial\":true}"))
        .partial());
    assertFalse(((Request.Ask) parse("{\"id\":2,\"type\":\"ask\",\"question\":\"q\",\"text\":\"t\","
        + "\"partial\":null}")).partial());
    for (String bad : new String[] {"1", "\"true\"", "[]", "{}"}) {
      assertEquals(ErrorCode.BAD_FIELD,
          refused("{\"id\":2,\"type\":\"ask\",\"question\":\"q\",\"text\":\"t\",\"partial\":" + bad + "}"), bad);
    }
  }

  @Test
  void anEmptyQuestionByPageIdIsStillAnEmptyQuestion() {
    assertEquals(ErrorCode.EMPTY_QUESTION, refused("{\"id\":2,\"type\":\"ask\",\"question\":\" \",\"pageId\":\"a\"}"));
  }
}
