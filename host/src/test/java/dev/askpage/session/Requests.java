package dev.askpage.session;

import com.google.gson.JsonObject;

/** Request objects as the extension sends them. */
final class Requests {
  private Requests() {}

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
