package dev.askpage.installer.doctor;

import com.google.gson.JsonObject;
import java.time.Duration;

/** The requests the doctor (and the CDS training run) send, and the checks on their replies. */
public final class Probe {
  /** The page text of the test question. */
  public static final String TEXT = "Bert lives at 123 Sesame Street with Ernie. He likes pigeons and paper clips.";
  /** The test question. */
  public static final String QUESTION = "Where does Bert live?";

  private Probe() {}

  /** {@code {"id":ID,"type":"hello"}}. */
  public static JsonObject hello(int id) {
    JsonObject hello = new JsonObject();
    hello.addProperty("id", id);
    hello.addProperty("type", "hello");
    return hello;
  }

  /** An {@code ask} with the test question and text. */
  public static JsonObject ask(int id) {
    JsonObject ask = new JsonObject();
    ask.addProperty("id", id);
    ask.addProperty("type", "ask");
    ask.addProperty("question", QUESTION);
    ask.addProperty("text", TEXT);
    return ask;
  }

  /** What is wrong with a reply to request {@code id}, which should be of {@code type}; {@code null} when it is right. */
  public static String checkReply(JsonObject reply, int id, String type) {
    if (!reply.has("id") || reply.get("id").isJsonNull() || reply.get("id").getAsInt() != id) {
      return "reply has id " + reply.get("id") + ", not " + id;
    }
    if (!type.equals(string(reply, "type"))) {
      return "reply type is " + string(reply, "type") + (reply.has("error") ? ": " + reply.get("error") : "");
    }
    return null;
  }

  /** The model state named in a {@code hello} reply ({@code ready}, {@code missing}, ...). */
  public static String modelState(JsonObject hello) {
    JsonObject result = hello.getAsJsonObject("result");
    if (result == null || !result.has("model") || !result.get("model").isJsonObject()) {
      return "unknown";
    }
    return string(result.getAsJsonObject("model"), "state");
  }

  /** The sentence a {@code hello} reply gives about its model (why it is broken, how to install), or null. */
  public static String modelMessage(JsonObject hello) {
    JsonObject result = hello.getAsJsonObject("result");
    if (result == null || !result.has("model") || !result.get("model").isJsonObject()) {
      return null;
    }
    JsonObject model = result.getAsJsonObject("model");
    return model.has("message") && model.get("message").isJsonPrimitive() ? model.get("message").getAsString() : null;
  }

  /** The answer mode ({@code model}, {@code lexical}) of an {@code answers} reply. */
  public static String mode(JsonObject answers) {
    JsonObject result = answers.getAsJsonObject("result");
    return result == null ? "unknown" : string(result, "mode");
  }

  /** How long the doctor waits for each reply. */
  public static Duration timeout() {
    return Duration.ofSeconds(60);
  }

  private static String string(JsonObject object, String key) {
    return object.has(key) && object.get(key).isJsonPrimitive() ? object.get(key).getAsString() : "null";
  }
}
