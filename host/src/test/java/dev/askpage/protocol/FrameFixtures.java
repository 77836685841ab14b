package dev.askpage.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The example frames in {@code src/test/resources/frames/*.hex}: 8 hex digits of little-endian length, a space, the
 * payload in hex. Also a structure signature of JSON (keys and value types), to compare replies with each other.
 */
public final class FrameFixtures {
  private FrameFixtures() {}

  /** One decoded fixture. */
  public record Fixture(String name, long declaredLength, byte[] payload) {
    public JsonObject json() {
      return JsonParser.parseString(new String(payload, StandardCharsets.UTF_8)).getAsJsonObject();
    }
  }

  /** The fixture {@code frames/NAME.hex}. */
  public static Fixture load(String name) {
    try (InputStream in = FrameFixtures.class.getResourceAsStream("/frames/" + name + ".hex")) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture frames/" + name + ".hex");
      }
      return decode(name, new String(in.readAllBytes(), StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses the hex format; fails on anything else. */
  public static Fixture decode(String name, String hex) {
    String line = hex.strip();
    if (!line.matches("[0-9a-f]{8} ([0-9a-f]{2})*")) {
      throw new IllegalArgumentException(name + ": not '8 hex digits, a space, payload hex' in lower case");
    }
    byte[] header = HexFormat.of().parseHex(line.substring(0, 8));
    long length = (header[0] & 0xFFL) | (header[1] & 0xFFL) << 8 | (header[2] & 0xFFL) << 16
        | (header[3] & 0xFFL) << 24;
    return new Fixture(name, length, HexFormat.of().parseHex(line.substring(9)));
  }

  /**
   * Keys and value types, flattened: {@code result.model.state=string}; an array's elements are described as one
   * ({@code []}), so lists of different lengths compare equal.
   */
  public static Map<String, String> structure(JsonElement json) {
    Map<String, String> out = new TreeMap<>();
    describe("", json, out);
    return out;
  }

  private static void describe(String path, JsonElement e, Map<String, String> out) {
    if (e.isJsonObject()) {
      out.put(path, "object");
      for (Map.Entry<String, JsonElement> m : e.getAsJsonObject().entrySet()) {
        describe(path.isEmpty() ? m.getKey() : path + "." + m.getKey(), m.getValue(), out);
      }
    } else if (e.isJsonArray()) {
      out.put(path, "array");
      JsonArray a = e.getAsJsonArray();
      for (JsonElement item : a) {
        describe(path + "[]", item, out);
      }
    } else if (e.isJsonNull()) {
      out.put(path, "null");
    } else if (e.getAsJsonPrimitive().isBoolean()) {
      out.put(path, "boolean");
    } else if (e.getAsJsonPrimitive().isNumber()) {
      out.put(path, "number");
    } else {
      out.put(path, "string");
    }
  }
}
