package dev.askpage.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The bounded parser says "valid JSON" exactly when Gson's strict reader (what the host used before) does, over many
 * small mutations of valid requests; and for valid objects the bounded parser keeps the known members as Gson reads
 * them (containers emptied).
 */
class FrameJsonAgreesWithGsonTest {
  private static final TypeAdapter<JsonElement> GSON = new Gson().getAdapter(JsonElement.class);
  private static final String[] SEEDS = {
    "{\"id\":1,\"type\":\"ping\"}",
    "{\"id\":\"a\\u00e9\\n\",\"type\":\"ask\",\"question\":\"q?\",\"text\":\"T\\\"x\",\"top\":-1.5e3,\"tab\":null}",
    "{\"id\":2,\"type\":\"cancel\",\"target\":[1,{\"a\":[true,false,null]}],\"x\":{}}",
    "[1,2.5,\"s\",{\"k\":[]}]",
    " {\"id\" : 0 , \"type\" : \"hello\" , \"sentAt\" : 1E+2 } ",
  };
  private static final int ROUNDS = 30_000;
  private static final String ALPHABET = "{}[]\":,\\ \t\n0123456789-+.eEtrufalsn\u00e9\u0001abu";

  private static final Map<String, Integer> FIELDS = Map.of("id", 100, "type", 100);

  /** Gson's reading: the value of a valid document, null for invalid JSON. */
  private static JsonElement gson(String json) {
    try (JsonReader reader = new JsonReader(new StringReader(json))) {
      reader.setStrictness(Strictness.STRICT);
      JsonElement value = GSON.read(reader);
      return reader.peek() == JsonToken.END_DOCUMENT ? value : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The bounded reading: the known members of a valid object, an empty object for another valid value, else null. */
  private static JsonObject bounded(String json) {
    try {
      return FrameJson.parse(json.getBytes(StandardCharsets.UTF_8), FIELDS);
    } catch (ProtocolException e) {
      return e.code() == ErrorCode.NOT_AN_OBJECT ? new JsonObject() : null;
    }
  }

  /** What the bounded parser keeps of Gson's member: scalars as they are, containers emptied. */
  private static JsonElement kept(JsonElement e) {
    return e.isJsonObject() ? new JsonObject() : e.isJsonArray() ? new JsonArray() : e;
  }

  @Test
  void validityAgreesOnMutatedRequests() {
    Random random = new Random(11);
    int checked = 0;
    for (int i = 0; i < ROUNDS; i++) {
      StringBuilder s = new StringBuilder(SEEDS[random.nextInt(SEEDS.length)]);
      for (int m = 1 + random.nextInt(3); m > 0; m--) {
        int at = random.nextInt(s.length() + 1);
        char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        switch (random.nextInt(3)) {
          case 0 -> s.insert(at, c);
          case 1 -> { if (at < s.length()) s.deleteCharAt(at); }
          default -> { if (at < s.length()) s.setCharAt(at, c); }
        }
      }
      String json = s.toString();
      JsonElement expected = gson(json);
      JsonObject actual = bounded(json);
      assertEquals(expected != null, actual != null, json);
      if (expected != null && expected.isJsonObject()) {
        for (String name : FIELDS.keySet()) {
          JsonElement member = expected.getAsJsonObject().get(name);
          assertEquals(member == null ? null : kept(member), actual.get(name), json);
        }
      }
      checked++;
    }
    assertEquals(ROUNDS, checked);
  }
}
