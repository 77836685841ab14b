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

  /**
   * {@code ask}: a question about a page, given either as its {@code text} or as the {@code pageId} a {@code prepare}
   * returned (exactly one of the two).
   *
   * @param partial whether the asker reads a {@code partial} reply (the best window's answers) before {@code answers}
   */
  record Ask(
      JsonElement id,
      String question,
      Optional<String> text,
      Optional<String> url,
      OptionalInt top,
      OptionalInt maxWindows,
      Optional<JsonElement> tab,
      OptionalDouble sentAt,
      OptionalDouble floor,
      Optional<String> pageId,
      boolean partial)
      implements Request {
    public Ask {
      if (text.isPresent() == pageId.isPresent()) {
        throw new IllegalArgumentException("an ask carries exactly one of text and pageId");
      }
    }

    /** The characters it holds while it waits: its page text (when it carries it), question and url. */
    public long heldChars() {
      return (long) text.map(String::length).orElse(0) + question.length() + url.map(String::length).orElse(0);
    }
  }

  /** {@code prepare}: tokenise, split and index a page into the page cache, ahead of its questions. */
  record Prepare(JsonElement id, String text, Optional<String> url, Optional<JsonElement> tab) implements Request {
    /** The characters it holds while it waits: its text and its url (which this host does not read). */
    public long heldChars() {
      return (long) text.length() + url.map(String::length).orElse(0);
    }
  }
}
