package dev.askpage.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Reads a frame's payload with work and memory bounded by the protocol, not by what the sender chose to send.
 *
 * <p>One pass over the bytes checks strict UTF-8 and strict JSON (RFC 8259) without building anything per element, so a
 * payload of millions of {@code {}} or {@code 0}s costs time in proportion to its bytes and no heap. Nesting deeper
 * than {@link #MAX_DEPTH} is refused. Of the top-level object only the members named in {@code fields} are built, and a
 * string member only when its length in UTF-16 code units, counted during the pass, is within that field's limit;
 * unknown members are checked and skipped.
 */
final class FrameJson {
  /** Deepest nesting read; the protocol itself needs one level. */
  static final int MAX_DEPTH = 64;
  /** Longest number token built (a known field holding a longer one gets a {@link #tooLong} marker). */
  static final int MAX_NUMBER_BYTES = 256;
  /** The member name of the marker object that stands for a string over its field's limit. */
  static final String TOO_LONG_MEMBER = "tooLongChars";

  /** Set in the marker of an over-long number. */
  static final String TOO_LONG_NUMBER_MEMBER = "number";

  private final byte[] b;
  private final Map<String, Integer> fields;
  private final int maxNameChars;
  private final JsonObject members = new JsonObject();
  private int pos;

  private FrameJson(byte[] payload, Map<String, Integer> fields) {
    this.b = payload;
    this.fields = fields;
    this.maxNameChars = fields.keySet().stream().mapToInt(String::length).max().orElse(0);
  }

  /**
   * The payload's top-level object, holding only the members named in {@code fields} (name to the longest string, in
   * UTF-16 code units, built for it). Containers in those members are replaced by empty ones of the same kind (their
   * contents are never read by the protocol) and over-long strings or numbers by a {@link #tooLong} marker.
   */
  static JsonObject parse(byte[] payload, Map<String, Integer> fields) throws ProtocolException {
    checkUtf8(payload);
    return new FrameJson(payload, fields).document();
  }

  /**
   * How many UTF-16 code units the over-long string (or bytes the over-long number) had, when {@code e} is the marker;
   * -1 otherwise.
   */
  static long tooLongChars(JsonElement e) {
    if (e != null && e.isJsonObject() && e.getAsJsonObject().has(TOO_LONG_MEMBER)) {
      return e.getAsJsonObject().get(TOO_LONG_MEMBER).getAsLong();
    }
    return -1;
  }

  /** Whether {@code e} is the marker of an over-long string (not of a number). */
  static boolean isTooLongString(JsonElement e) {
    return tooLongChars(e) >= 0 && !e.getAsJsonObject().has(TOO_LONG_NUMBER_MEMBER);
  }

  /**
   * The marker for a string of {@code chars} code units, or a number of that many bytes, that was not built (wire
   * objects are always emptied, so no object from the wire has these members).
   */
  private static JsonObject tooLong(long chars, boolean number) {
    JsonObject marker = new JsonObject();
    marker.addProperty(TOO_LONG_MEMBER, chars);
    if (number) {
      marker.addProperty(TOO_LONG_NUMBER_MEMBER, true);
    }
    return marker;
  }

  /** Strict UTF-8 over the whole payload, decoded through a small buffer that is thrown away. */
  private static void checkUtf8(byte[] payload) throws ProtocolException {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(payload);
    CharBuffer out = CharBuffer.allocate(8192);
    while (true) {
      CoderResult r = decoder.decode(in, out, true);
      if (r.isError()) {
        throw new ProtocolException(ErrorCode.INVALID_UTF8, "the frame is not valid UTF-8");
      }
      out.clear();
      if (r.isUnderflow()) {
        break;
      }
    }
    if (decoder.flush(out).isError()) {
      throw new ProtocolException(ErrorCode.INVALID_UTF8, "the frame is not valid UTF-8");
    }
  }

  private JsonObject document() throws ProtocolException {
    if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
      pos = 3; // a byte order mark: RFC 8259 lets a parser ignore it
    }
    skipWhiteSpace();
    boolean object = pos < b.length && b[pos] == '{';
    if (object) {
      topObject();
    } else {
      value(1);
    }
    skipWhiteSpace();
    if (pos != b.length) {
      throw invalid("the frame has more than one JSON value");
    }
    if (!object) {
      throw new ProtocolException(ErrorCode.NOT_AN_OBJECT, "the frame must hold a JSON object");
    }
    return members;
  }

  private void topObject() throws ProtocolException {
    pos++; // {
    skipWhiteSpace();
    if (peek() == '}') {
      pos++;
      return;
    }
    while (true) {
      int nameStart = pos;
      long nameChars = string();
      String name = nameChars <= maxNameChars ? decodeString(nameStart, pos) : null;
      skipWhiteSpace();
      expect(':');
      skipWhiteSpace();
      Integer limit = name == null ? null : fields.get(name);
      if (limit == null) {
        value(2);
      } else {
        members.add(name, member(limit));
      }
      skipWhiteSpace();
      byte c = next();
      if (c == '}') {
        return;
      }
      if (c != ',') {
        throw invalid("expected , or } in the object");
      }
      skipWhiteSpace();
    }
  }

  /** A known member's value: built when it is a scalar within its limit. */
  private JsonElement member(int maxChars) throws ProtocolException {
    int start = pos;
    byte c = peek();
    switch (c) {
      case '{' -> {
        value(2);
        return new JsonObject();
      }
      case '[' -> {
        value(2);
        return new JsonArray();
      }
      case '"' -> {
        long chars = string();
        return chars <= maxChars ? new JsonPrimitive(decodeString(start, pos)) : tooLong(chars, false);
      }
      case 't', 'f', 'n' -> {
        value(2);
        return c == 'n' ? JsonNull.INSTANCE : new JsonPrimitive(c == 't');
      }
      default -> {
        value(2);
        if (pos - start > MAX_NUMBER_BYTES) {
          return tooLong(pos - start, true);
        }
        return JsonParser.parseString(new String(b, start, pos - start, StandardCharsets.US_ASCII));
      }
    }
  }

  /** Checks and skips any value; {@code depth} is the nesting level it is at. */
  private void value(int depth) throws ProtocolException {
    if (depth > MAX_DEPTH) {
      throw invalid("the frame nests JSON deeper than " + MAX_DEPTH + " levels");
    }
    byte c = peek();
    switch (c) {
      case '{' -> container(depth, true);
      case '[' -> container(depth, false);
      case '"' -> string();
      case 't' -> literal("true");
      case 'f' -> literal("false");
      case 'n' -> literal("null");
      default -> number();
    }
  }

  private void container(int depth, boolean object) throws ProtocolException {
    pos++;
    byte close = (byte) (object ? '}' : ']');
    skipWhiteSpace();
    if (peek() == close) {
      pos++;
      return;
    }
    while (true) {
      if (object) {
        string();
        skipWhiteSpace();
        expect(':');
        skipWhiteSpace();
      }
      value(depth + 1);
      skipWhiteSpace();
      byte c = next();
      if (c == close) {
        return;
      }
      if (c != ',') {
        throw invalid("expected , or " + (char) close);
      }
      skipWhiteSpace();
    }
  }

  /** Skips a string token; its length in UTF-16 code units. */
  private long string() throws ProtocolException {
    expect('"');
    long chars = 0;
    while (true) {
      int c = next() & 0xFF;
      if (c == '"') {
        return chars;
      }
      if (c < 0x20) {
        throw invalid("a control character inside a string");
      }
      if (c == '\\') {
        byte e = next();
        switch (e) {
          case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> { }
          case 'u' -> {
            for (int i = 0; i < 4; i++) {
              if (Character.digit(next(), 16) < 0) {
                throw invalid("a bad \\u escape");
              }
            }
          }
          default -> throw invalid("a bad escape");
        }
        chars++;
      } else if (c < 0x80 || c >= 0xC0) {
        // A lead byte (the UTF-8 is already checked): four-byte sequences are two UTF-16 code units.
        chars += c >= 0xF0 ? 2 : 1;
      }
    }
  }

  private void number() throws ProtocolException {
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
    } else {
      digits();
    }
    if (pos < b.length && b[pos] == '.') {
      pos++;
      digits();
    }
    if (pos < b.length && (b[pos] == 'e' || b[pos] == 'E')) {
      pos++;
      if (pos < b.length && (b[pos] == '+' || b[pos] == '-')) {
        pos++;
      }
      digits();
    }
    endOfScalar();
  }

  private void digits() throws ProtocolException {
    int start = pos;
    while (pos < b.length && b[pos] >= '0' && b[pos] <= '9') {
      pos++;
    }
    if (pos == start) {
      throw invalid("a bad number or value");
    }
  }

  private void literal(String word) throws ProtocolException {
    for (int i = 0; i < word.length(); i++) {
      if (next() != word.charAt(i)) {
        throw invalid("a bad literal");
      }
    }
    endOfScalar();
  }

  /** A number or literal must be followed by a separator, white space or the end ("01", "nulls" are not JSON). */
  private void endOfScalar() throws ProtocolException {
    if (pos < b.length) {
      byte c = b[pos];
      if (!(c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
        throw invalid("a bad number or value");
      }
    }
  }

  /** The string token in b[from, to) (quotes included), unescaped. */
  private String decodeString(int from, int to) {
    int start = from + 1;
    int end = to - 1;
    StringBuilder out = null;
    int run = start;
    for (int i = start; i < end; i++) {
      if (b[i] != '\\') {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(end - start);
      }
      out.append(new String(b, run, i - run, StandardCharsets.UTF_8));
      byte e = b[++i];
      switch (e) {
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          out.append((char) Integer.parseInt(new String(b, i + 1, 4, StandardCharsets.US_ASCII), 16));
          i += 4;
        }
        default -> out.append((char) e);
      }
      run = i + 1;
    }
    if (out == null) {
      return new String(b, start, end - start, StandardCharsets.UTF_8);
    }
    return out.append(new String(b, run, end - run, StandardCharsets.UTF_8)).toString();
  }

  private void skipWhiteSpace() {
    while (pos < b.length && (b[pos] == ' ' || b[pos] == '\t' || b[pos] == '\n' || b[pos] == '\r')) {
      pos++;
    }
  }

  private byte peek() throws ProtocolException {
    if (pos >= b.length) {
      throw invalid("the frame ends inside a JSON value");
    }
    return b[pos];
  }

  private byte next() throws ProtocolException {
    byte c = peek();
    pos++;
    return c;
  }

  private void expect(char c) throws ProtocolException {
    if (next() != c) {
      throw invalid("expected " + c);
    }
  }

  private static ProtocolException invalid(String why) {
    return new ProtocolException(ErrorCode.INVALID_JSON, "the frame is not valid JSON: " + why);
  }
}
