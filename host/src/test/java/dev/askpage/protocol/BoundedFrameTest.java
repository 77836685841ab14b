package dev.askpage.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonPrimitive;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Frames built to exhaust a naive parser's heap, each well under the 64 MiB frame limit: the request parser answers
 * them (or refuses them) while allocating far less than the frame, and builds only the fields the protocol reads.
 */
class BoundedFrameTest {
  private static final int MIB = 1 << 20;
  private final RequestParser parser = new RequestParser(Limits.defaults().withMaxTextChars(1000));

  private Request parse(byte[] payload) throws ProtocolException {
    return parser.request(parser.object(payload));
  }

  private ErrorCode refused(byte[] payload) {
    return assertThrows(ProtocolException.class, () -> parse(payload)).code();
  }

  /** {@code {"id":1,"type":"ping","extra":<element, element, ...>}} of about {@code bytes}. */
  private static byte[] pingWithArray(String element, int bytes) {
    byte[] head = b("{\"id\":1,\"type\":\"ping\",\"extra\":[");
    byte[] e = b(element + ",");
    int count = Math.max(1, (bytes - head.length) / e.length);
    byte[] out = new byte[head.length + count * e.length + 1];
    System.arraycopy(head, 0, out, 0, head.length);
    for (int i = 0, at = head.length; i < count; i++, at += e.length) {
      System.arraycopy(e, 0, out, at, e.length);
    }
    out[out.length - 2] = ']'; // the last element's comma
    out[out.length - 1] = '}';
    return out;
  }

  /** Bytes this thread allocated while parsing {@code payload} (HotSpot's per-thread allocation counter). */
  private long allocatedWhileParsing(byte[] payload) throws ProtocolException {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    Request r = parse(payload);
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertInstanceOf(Request.Ping.class, r);
    return allocated;
  }

  @Test
  void aPingWithSixMillionEmptyObjectsIsAnsweredWithoutBuildingThem() throws ProtocolException {
    byte[] payload = pingWithArray("{}", 24 * MIB);
    assertTrue(payload.length < Limits.defaults().maxFrameBytes());
    long allocated = allocatedWhileParsing(payload);
    assertTrue(allocated < MIB, "parsing a 24 MiB frame allocated " + allocated + " bytes");
  }

  @Test
  void sixtyMibOfZerosOrEmptyArraysInAnUnknownFieldAreSkipped() throws ProtocolException {
    for (String element : new String[] {"0", "[]"}) {
      long allocated = allocatedWhileParsing(pingWithArray(element, 60 * MIB));
      assertTrue(allocated < MIB, element + ": parsing a 60 MiB frame allocated " + allocated + " bytes");
    }
  }

  @Test
  void sixtyMibOfBareZerosOrArraysAreInvalidJson() {
    byte[] zeros = new byte[60 * MIB];
    java.util.Arrays.fill(zeros, (byte) '0');
    assertEquals(ErrorCode.INVALID_JSON, refused(zeros));
    assertEquals(ErrorCode.INVALID_JSON, refused(b("[]".repeat(30 * MIB))));
  }

  @Test
  void nestingIsLimited() throws ProtocolException {
    String deepest = "[".repeat(FrameJson.MAX_DEPTH - 1) + "]".repeat(FrameJson.MAX_DEPTH - 1);
    assertInstanceOf(Request.Ping.class, parse(b("{\"id\":1,\"type\":\"ping\",\"x\":" + deepest + "}")));
    String tooDeep = "[" + deepest + "]";
    assertEquals(ErrorCode.INVALID_JSON, refused(b("{\"id\":1,\"type\":\"ping\",\"x\":" + tooDeep + "}")));
    assertEquals(ErrorCode.INVALID_JSON, refused(b("[".repeat(20 * MIB))));
  }

  @Test
  void anOverLongTextIsRefusedWithItsLengthWithoutBuildingIt() {
    String json = "{\"id\":7,\"type\":\"ask\",\"question\":\"q\",\"text\":\"" + "é".repeat(5000) + "\"}";
    ProtocolException e = assertThrows(ProtocolException.class, () -> parse(b(json)));
    assertEquals(ErrorCode.TEXT_TOO_LARGE, e.code());
    assertTrue(e.getMessage().contains("5000 characters"), e.getMessage());
  }

  @Test
  void overLongShortFieldsAreBadFieldsAndOverLongUnknownOnesAreIgnored() throws ProtocolException {
    String longId = "x".repeat(RequestParser.MAX_SHORT_STRING_CHARS + 1);
    assertEquals(ErrorCode.BAD_FIELD, refused(b("{\"id\":\"" + longId + "\",\"type\":\"ping\"}")));
    assertEquals(ErrorCode.BAD_FIELD, refused(b("{\"id\":1,\"type\":\"" + longId + "\"}")));
    assertEquals(ErrorCode.BAD_FIELD, refused(b("{\"id\":1,\"type\":\"ask\",\"question\":\"" + "q".repeat(1001)
        + "\",\"text\":\"t\"}")));
    assertInstanceOf(Request.Ping.class, parse(b("{\"id\":1,\"type\":\"ping\",\"note\":\"" + "n".repeat(2 * MIB)
        + "\"}")));
    assertEquals(ErrorCode.BAD_FIELD, refused(b("{\"id\":1" + "0".repeat(300) + ",\"type\":\"ping\"}")));
  }

  @Test
  void aNumberTooLongToBuildIsNoPageText() {
    String digits = "1".repeat(FrameJson.MAX_NUMBER_BYTES + 44);
    assertEquals(ErrorCode.BAD_FIELD, refused(b("{\"id\":1,\"type\":\"ask\",\"question\":\"q\",\"text\":" + digits
        + "}")));
    assertEquals(ErrorCode.BAD_FIELD, refused(b("{\"id\":1,\"type\":\"prepare\",\"text\":" + digits + "}")));
  }

  @Test
  void escapesAndFourByteCharactersCountAndDecodeExactly() throws ProtocolException {
    // 1000 UTF-16 code units: 499 emoji (two each), an escaped é and a escaped newline.
    String text = "🙂".repeat(499) + "\\u00e9\\n";
    Request.Ask ask = (Request.Ask) parse(b("{\"id\":\"a\\\"b\",\"type\":\"ask\",\"question\":\"\\/q\\t\","
        + "\"text\":\"" + text + "\"}"));
    assertEquals("🙂".repeat(499) + "é\n", ask.text().orElseThrow());
    assertEquals("/q\t", ask.question());
    assertEquals(new JsonPrimitive("a\"b"), ask.id());
    assertEquals(ErrorCode.TEXT_TOO_LARGE, refused(b("{\"id\":1,\"type\":\"ask\",\"question\":\"q\",\"text\":\""
        + text + "x\"}")));
  }

  @Test
  void strictJsonIsStillChecked() {
    for (String json : new String[] {"{\"id\":1,\"type\":\"ping\",\"x\":[1 2]}", "{\"id\":1,\"type\":\"ping\",\"x\":-}",
        "{\"id\":1,\"type\":\"ping\",\"x\":\"\\x\"}", "{\"id\":1,\"type\":\"ping\",\"x\":\"\\u12\"}",
        "{\"id\":1,\"type\":\"ping\",\"x\":tru}", "{\"id\":1,\"type\":\"ping\",\"x\":nulls}",
        "{\"id\":1,\"type\":\"ping\",\"x\":{1:2}}", "{\"id\":1,\"type\":\"ping\",\"x\":1.}",
        "{\"id\":1,\"type\":\"ping\",\"x\":.5}", "{\"id\":1,\"type\":\"ping\",\"x\":+1}",
        "{\"id\":1,\"type\":\"ping\",\"x\":[1,]}", "{\"id\":1,\"type\":\"ping\" \"x\":1}"}) {
      assertEquals(ErrorCode.INVALID_JSON, refused(b(json)), json);
    }
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
