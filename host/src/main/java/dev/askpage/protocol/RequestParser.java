package dev.askpage.protocol;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** Turns a frame's payload into a {@link Request}, or a {@link ProtocolException} with the right error code. */
public final class RequestParser {
  private static final TypeAdapter<JsonElement> JSON = new Gson().getAdapter(JsonElement.class);

  private final Limits limits;

  public RequestParser(Limits limits) {
    this.limits = limits;
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

  /** Decodes strict UTF-8 and strict JSON; the value must be an object. */
  public JsonObject object(byte[] payload) throws ProtocolException {
    String json;
    try {
      json = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(payload))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ProtocolException(ErrorCode.INVALID_UTF8, "the frame is not valid UTF-8");
    }
    JsonElement value;
    try (JsonReader reader = new JsonReader(new StringReader(json))) {
      reader.setStrictness(Strictness.STRICT);
      value = JSON.read(reader);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw new ProtocolException(ErrorCode.INVALID_JSON, "the frame has more than one JSON value");
      }
    } catch (IOException | JsonParseException | IllegalStateException | NumberFormatException e) {
      throw new ProtocolException(ErrorCode.INVALID_JSON, "the frame is not valid JSON");
    }
    if (value == null || !value.isJsonObject()) {
      throw new ProtocolException(ErrorCode.NOT_AN_OBJECT, "the frame must hold a JSON object");
    }
    return value.getAsJsonObject();
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
      default -> throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "unknown message type (" + type.length()
          + " characters); this host knows hello, ask, cancel and ping");
    };
  }

  private Request.Ask ask(JsonElement id, JsonObject o) throws ProtocolException {
    String question = requiredString(o, "question");
    String text = requiredString(o, "text");
    if (question.isBlank()) {
      throw new ProtocolException(ErrorCode.EMPTY_QUESTION, "the question is empty");
    }
    if (text.length() > limits.maxTextChars()) {
      throw new ProtocolException(ErrorCode.TEXT_TOO_LARGE, "the page text has " + text.length()
          + " characters; the limit is " + limits.maxTextChars());
    }
    Optional<String> url = optionalString(o, "url");
    OptionalInt top = optionalInt(o, "top", 1, Limits.MAX_TOP);
    OptionalInt maxWindows = optionalInt(o, "maxWindows", 1, Limits.MAX_WINDOWS);
    Optional<JsonElement> tab = o.has("tab") && !o.get("tab").isJsonNull()
        ? Optional.of(idField(o, "tab")) : Optional.empty();
    OptionalDouble sentAt = OptionalDouble.empty();
    if (o.has("sentAt") && !o.get("sentAt").isJsonNull()) {
      JsonElement e = o.get("sentAt");
      if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
        throw new ProtocolException(ErrorCode.BAD_FIELD, "sentAt must be a number");
      }
      sentAt = OptionalDouble.of(e.getAsDouble());
    }
    OptionalDouble floor = optionalFraction(o, "floor");
    return new Request.Ask(id, question, text, url, top, maxWindows, tab, sentAt, floor);
  }

  private static String requiredString(JsonObject o, String name) throws ProtocolException {
    JsonElement e = o.get(name);
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
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber() || !(e.getAsDouble() >= 0 && e.getAsDouble() <= 1)) {
      throw new ProtocolException(ErrorCode.BAD_FIELD, name + " must be a number from 0 to 1");
    }
    return OptionalDouble.of(e.getAsDouble());
  }

  private static JsonElement idField(JsonObject o, String name) throws ProtocolException {
    JsonElement e = o.get(name);
    if (!isId(e)) {
      throw new ProtocolException(ErrorCode.BAD_FIELD, name + " must be a number or a string");
    }
    return e.getAsJsonPrimitive();
  }
}
