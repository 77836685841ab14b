package dev.askpage.protocol;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** Turns a frame's payload into a {@link Request}, or a {@link ProtocolException} with the right error code. */
public final class RequestParser {
  /** Longest id, type, tab or other short string field, in UTF-16 code units. */
  public static final int MAX_SHORT_STRING_CHARS = 4096;

  /** Page ids the host gives out are far shorter; a longer one cannot be one of them. */
  static final int MAX_PAGE_ID_CHARS = 128;

  private final Limits limits;
  private final Map<String, Integer> fields;

  public RequestParser(Limits limits) {
    this.limits = limits;
    this.fields = fields(limits);
  }

  /** The id of a payload that parsed as an object, for error replies; JSON null otherwise. */
  public static JsonElement idOf(JsonObject object) {
    JsonElement id = object.get("id");
    return isId(id) ? id : JsonNull.INSTANCE;
  }

  /** Ids, targets and tabs are JSON numbers or strings. */
  private static boolean isId(JsonElement e) {
    return e != null && e.isJsonPrimitive() && (e.getAsJsonPrimitive().isNumber() || e.getAsJsonPrimitive().isString());
  }

  /**
   * Decodes strict UTF-8 and strict JSON; the value must be an object. Only the members the protocol reads are built
   * ({@link #fields}), each string within its limit, so no payload under {@code maxFrameBytes} can exhaust the heap.
   */
  public JsonObject object(byte[] payload) throws ProtocolException {
    return FrameJson.parse(payload, fields);
  }

  /**
   * The request fields any message type reads, with the longest string (UTF-16 code units) built for each: page-sized
   * for the page text, the question and the url, short for the rest. Members not named here are checked and skipped.
   */
  private static Map<String, Integer> fields(Limits limits) {
    int page = limits.maxTextChars();
    Map<String, Integer> fields = new HashMap<>();
    for (String name : new String[] {"id", "type", "target", "tab", "top", "maxWindows", "sentAt", "pageId", "floor",
        "partial"}) {
      fields.put(name, MAX_SHORT_STRING_CHARS);
    }
    fields.put("question", page);
    fields.put("text", page);
    fields.put("url", page);
    return Map.copyOf(fields);
  }

  /** The typed request of an object. */
  public Request request(JsonObject o) throws ProtocolException {
    JsonElement id = idField(o, "id");
    String type = requiredString(o, "type");
    return switch (type) {
      case "hello" -> new Request.Hello(id);
      case "ping" -> new Request.Ping(id);
      case "cancel" -> new Request.Cancel(id, idField(o, "target"));
      case "ask" -> ask(id, o);
      case "prepare" -> prepare(id, o);
      default -> throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "unknown message type (" + type.length()
          + " characters); this host knows hello, ask, prepare, cancel and ping");
    };
  }

  private Request.Ask ask(JsonElement id, JsonObject o) throws ProtocolException {
    String question = requiredString(o, "question");
    Optional<String> pageId = optionalString(o, "pageId");
    JsonElement textField = o.get("text");
    boolean hasText = textField != null && !textField.isJsonNull();
    if (pageId.isPresent() == hasText) {
      throw new ProtocolException(ErrorCode.BAD_FIELD, "an ask carries exactly one of text and pageId");
    }
    if (!hasSomethingToRead(question)) {
      throw new ProtocolException(ErrorCode.EMPTY_QUESTION,
          "the question is empty (it has no letter, digit, punctuation or symbol)");
    }
    Optional<String> text = hasText ? Optional.of(pageText(o)) : Optional.empty();
    if (pageId.isPresent() && (pageId.get().isEmpty() || pageId.get().length() > MAX_PAGE_ID_CHARS)) {
      throw new ProtocolException(ErrorCode.BAD_FIELD, "pageId must be a page id a prepare reply gave");
    }
    boolean partial = optionalBoolean(o, "partial");
    Optional<String> url = optionalString(o, "url");
    OptionalInt top = optionalInt(o, "top", 1, Limits.MAX_TOP);
    OptionalInt maxWindows = optionalInt(o, "maxWindows", 1, Limits.MAX_WINDOWS);
    Optional<JsonElement> tab = optionalId(o, "tab");
    OptionalDouble sentAt = OptionalDouble.empty();
    if (o.has("sentAt") && !o.get("sentAt").isJsonNull()) {
      JsonElement e = o.get("sentAt");
      if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
        throw new ProtocolException(ErrorCode.BAD_FIELD, "sentAt must be a number");
      }
      sentAt = OptionalDouble.of(e.getAsDouble());
    }
    OptionalDouble floor = optionalFraction(o, "floor");
    return new Request.Ask(id, question, text, url, top, maxWindows, tab, sentAt, floor, pageId, partial);
  }

  /**
   * Whether a question has a character the tokenizer makes a token of: a letter, digit, punctuation mark or symbol.
   * White space, no-break spaces (U+00A0, U+2007, U+202F), format characters (U+200B, U+2060, U+FEFF), control
   * characters, lone combining marks and U+FFFD alone are dropped by the tokenizer, so they would reach the model as an
   * empty question.
   */
  static boolean hasSomethingToRead(String question) {
    for (int i = 0; i < question.length(); ) {
      int cp = question.codePointAt(i);
      if (cp != 0xFFFD && isLetterDigitPunctuationOrSymbol(cp)) {
        return true;
      }
      i += Character.charCount(cp);
    }
    return false;
  }

  private static boolean isLetterDigitPunctuationOrSymbol(int cp) {
    return switch (Character.getType(cp)) {
      case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER, Character.OTHER_LETTER,
          Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER,
          Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
          Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION,
          Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
      default -> false;
    };
  }

  private Request.Prepare prepare(JsonElement id, JsonObject o) throws ProtocolException {
    return new Request.Prepare(id, pageText(o), optionalString(o, "url"), optionalId(o, "tab"));
  }

  /**
   * The page text, refused as {@code text_too_large} past {@code maxTextChars}; a text that long was never built by
   * the frame parser, which only counted it.
   */
  private String pageText(JsonObject o) throws ProtocolException {
    JsonElement field = o.get("text");
    if (FrameJson.isTooLongString(field)) {
      throw new ProtocolException(ErrorCode.TEXT_TOO_LARGE, "the page text has " + FrameJson.tooLongChars(field)
          + " characters; the limit is " + limits.maxTextChars());
    }
    if (FrameJson.tooLongChars(field) >= 0) {
      throw new ProtocolException(ErrorCode.BAD_FIELD, "text must be a string"); // a number too long to build
    }
    return requiredString(o, "text");
  }

  /** Absent or null is empty; otherwise a number or a string. */
  private static Optional<JsonElement> optionalId(JsonObject o, String name) throws ProtocolException {
    return o.has(name) && !o.get(name).isJsonNull() ? Optional.of(idField(o, name)) : Optional.empty();
  }

  /** Absent or null is false. */
  private static boolean optionalBoolean(JsonObject o, String name) throws ProtocolException {
    JsonElement e = o.get(name);
    if (e == null || e.isJsonNull()) {
      return false;
    }
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
      throw new ProtocolException(ErrorCode.BAD_FIELD, name + " must be true or false");
    }
    return e.getAsBoolean();
  }

  private static String requiredString(JsonObject o, String name) throws ProtocolException {
    JsonElement e = o.get(name);
    checkNotTooLong(e, name);
    if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
      throw new ProtocolException(ErrorCode.BAD_FIELD, name + " must be a string");
    }
    return e.getAsString();
  }

  private static Optional<String> optionalString(JsonObject o, String name) throws ProtocolException {
    JsonElement e = o.get(name);
    if (e == null || e.isJsonNull()) {
      return Optional.empty();
    }
    checkNotTooLong(e, name);
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
      throw new ProtocolException(ErrorCode.BAD_FIELD, name + " must be a string");
    }
    return Optional.of(e.getAsString());
  }

  private static OptionalInt optionalInt(JsonObject o, String name, int min, int max) throws ProtocolException {
    JsonElement e = o.get(name);
    if (e == null || e.isJsonNull()) {
      return OptionalInt.empty();
    }
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
      throw new ProtocolException(ErrorCode.BAD_FIELD, name + " must be an integer");
    }
    double v = e.getAsDouble();
    if (v != Math.rint(v) || v < min || v > max) {
      throw new ProtocolException(ErrorCode.BAD_FIELD, name + " must be an integer from " + min + " to " + max);
    }
    return OptionalInt.of((int) v);
  }

  /** A number from 0 to 1, or empty when absent or null. */
  private static OptionalDouble optionalFraction(JsonObject o, String name) throws ProtocolException {
    JsonElement e = o.get(name);
    if (e == null || e.isJsonNull()) {
      return OptionalDouble.empty();
    }
    checkNotTooLong(e, name);
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber() || !(e.getAsDouble() >= 0 && e.getAsDouble() <= 1)) {
      throw new ProtocolException(ErrorCode.BAD_FIELD, name + " must be a number from 0 to 1");
    }
    return OptionalDouble.of(e.getAsDouble());
  }

  /** A string (or number) over its field's limit was not built; say so rather than "wrong type". */
  private static void checkNotTooLong(JsonElement e, String name) throws ProtocolException {
    long chars = FrameJson.tooLongChars(e);
    if (chars >= 0) {
      throw new ProtocolException(ErrorCode.BAD_FIELD, name + " is too long (" + chars + ")");
    }
  }

  private static JsonElement idField(JsonObject o, String name) throws ProtocolException {
    JsonElement e = o.get(name);
    if (!isId(e)) {
      throw new ProtocolException(ErrorCode.BAD_FIELD, name + " must be a number or a string");
    }
    return e.getAsJsonPrimitive();
  }
}
