package dev.askpage.protocol;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** Builds reply payloads; never puts page text in them except answer texts, each capped. */
public final class Replies {
  // serializeNulls: an error about a frame without a readable id carries "id": null (PROTOCOL.md), not no id at all.
  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeSpecialFloatingPointValues()
      .serializeNulls().create();

  private Replies() {}

  /** {@code {"id", "type", "result"}}. */
  public static String result(JsonElement id, String type, JsonObject result) {
    JsonObject reply = new JsonObject();
    reply.add("id", id);
    reply.addProperty("type", type);
    reply.add("result", result);
    return toJson(reply);
  }

  /** {@code {"id", "type": "error", "error": {"code", "name", "message"}}}. */
  public static String error(JsonElement id, ErrorCode code, String message) {
    JsonObject error = new JsonObject();
    error.addProperty("code", code.code());
    error.addProperty("name", code.wireName());
    error.addProperty("message", message);
    JsonObject reply = new JsonObject();
    reply.add("id", id);
    reply.addProperty("type", "error");
    reply.add("error", error);
    return toJson(reply);
  }

  /**
   * The reply's JSON text. A lone surrogate (valid in a JSON string as an escape, and in a JavaScript string; it comes
   * in with an id or the page text) is written as a backslash-u escape: raw, it has no UTF-8 encoding and would
   * reach the browser as "?", so an echoed id or an answer text would no longer match.
   */
  static String toJson(JsonObject reply) {
    String json = GSON.toJson(reply);
    StringBuilder out = null;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (!Character.isSurrogate(c)) {
        if (out != null) {
          out.append(c);
        }
        continue;
      }
      boolean pair = Character.isHighSurrogate(c) && i + 1 < json.length()
          && Character.isLowSurrogate(json.charAt(i + 1));
      if (out == null) {
        out = new StringBuilder(json.length() + 16).append(json, 0, i);
      }
      if (pair) {
        out.append(c).append(json.charAt(++i));
      } else {
        out.append("\\u").append(String.format("%04x", (int) c));
      }
    }
    return out == null ? json : out.toString();
  }

  /** An answer object, its text cut to {@code maxChars}. */
  public static JsonObject answer(String text, int start, int end, double score, double probability, int maxChars) {
    JsonObject a = new JsonObject();
    boolean cut = text.length() > maxChars;
    a.addProperty("text", cut ? text.substring(0, safeCut(text, maxChars)) : text);
    a.addProperty("start", start);
    a.addProperty("end", end);
    a.addProperty("score", round(score));
    a.addProperty("probability", round(probability));
    if (cut) {
      a.addProperty("truncated", true);
    }
    return a;
  }

  /** A cut that does not split a surrogate pair. */
  private static int safeCut(String text, int at) {
    return Character.isHighSurrogate(text.charAt(at - 1)) ? at - 1 : at;
  }

  static double round(double v) {
    return Double.isFinite(v) ? Math.round(v * 1e4) / 1e4 : v;
  }

  /** A JSON array of strings. */
  public static JsonArray strings(String... values) {
    JsonArray a = new JsonArray();
    for (String v : values) {
      a.add(v);
    }
    return a;
  }
}
