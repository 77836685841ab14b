package dev.askpage.protocol;

import com.google.gson.JsonElement;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** A request from the browser; {@code id} is echoed in the reply as it came (a JSON number or string). */
public sealed interface Request {
  JsonElement id();

  /** {@code hello}: who are you, and is the model ready. */
  record Hello(JsonElement id) implements Request {}

  /** {@code ping}. */
  record Ping(JsonElement id) implements Request {}

  /** {@code cancel}: stop the ask whose id is {@code target}. */
  record Cancel(JsonElement id, JsonElement target) implements Request {}

  /** {@code ask}: a question about a page. */
  record Ask(
      JsonElement id,
      String question,
      String text,
      Optional<String> url,
      OptionalInt top,
      OptionalInt maxWindows,
      Optional<JsonElement> tab,
      OptionalDouble sentAt,
      OptionalDouble floor)
      implements Request {}
}
