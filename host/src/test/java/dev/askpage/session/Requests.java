package dev.askpage.session;

import com.google.gson.JsonObject;

/** Request objects as the extension sends them. */
final class Requests {
  private Requests() {}

  /**
   * The JSON text a browser sends: like {@code JSON.stringify}, a lone surrogate is written as a {@code \\uXXXX}
   * escape (UTF-8 cannot hold it raw).
   */
  static String json(JsonObject message) {
    String raw = message.toString();
    StringBuilder out = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      boolean pair = Character.isHighSurrogate(c) && i + 1 < raw.length()
          && Character.isLowSurrogate(raw.charAt(i + 1));
      if (pair) {
        out.append(c).append(raw.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  static JsonObject hello(Object id) {
    return base(id, "hello");
  }

  static JsonObject ping(Object id) {
    return base(id, "ping");
  }

  static JsonObject cancel(Object id, Object target) {
    JsonObject o = base(id, "cancel");
    put(o, "target", target);
    return o;
  }

  static JsonObject ask(Object id, String question, String text) {
    JsonObject o = base(id, "ask");
    o.addProperty("question", question);
    o.addProperty("text", text);
    return o;
  }

  static JsonObject prepare(Object id, String text) {
    JsonObject o = base(id, "prepare");
    o.addProperty("text", text);
    return o;
  }

  /** An ask that names a prepared page instead of carrying its text. */
  static JsonObject askById(Object id, String question, String pageId) {
    JsonObject o = base(id, "ask");
    o.addProperty("question", question);
    o.addProperty("pageId", pageId);
    return o;
  }

  static JsonObject base(Object id, String type) {
    JsonObject o = new JsonObject();
    put(o, "id", id);
    o.addProperty("type", type);
    return o;
  }

  static void put(JsonObject o, String name, Object value) {
    if (value instanceof Number n) {
      o.addProperty(name, n);
    } else {
      o.addProperty(name, (String) value);
    }
  }
}
