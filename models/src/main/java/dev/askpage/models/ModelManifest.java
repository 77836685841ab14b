package dev.askpage.models;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The contents of {@code model.json}: where a model came from and how to call it.
 *
 * @param sha256 hex SHA-256 of {@code model.onnx}, or null when not recorded
 * @param parameters the number of weights, or null when not known
 */
public record ModelManifest(
    String id,
    String source,
    String licence,
    List<String> inputs,
    List<String> outputs,
    int maxSequenceLength,
    boolean predictsNoAnswer,
    String sha256,
    Long parameters) {

  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

  public ModelManifest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(licence, "licence");
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  /** A copy with the checksum and parameter count filled in. */
  public ModelManifest withFile(String sha256, Long parameters) {
    return new ModelManifest(id, source, licence, inputs, outputs, maxSequenceLength, predictsNoAnswer, sha256,
        parameters);
  }

  /** Pretty-printed JSON, fields in declaration order, nulls left out. */
  public String toJson() {
    JsonObject json = new JsonObject();
    json.addProperty("id", id);
    json.addProperty("source", source);
    json.addProperty("licence", licence);
    json.add("inputs", strings(inputs));
    json.add("outputs", strings(outputs));
    json.addProperty("maxSequenceLength", maxSequenceLength);
    json.addProperty("predictsNoAnswer", predictsNoAnswer);
    if (sha256 != null) {
      json.addProperty("sha256", sha256);
    }
    if (parameters != null) {
      json.addProperty("parameters", parameters);
    }
    return GSON.toJson(json) + "\n";
  }

  /** Parses {@code model.json} text; {@code dir} only names the directory in error messages. */
  public static ModelManifest parse(Path dir, String text) throws ModelFormatException {
    JsonObject json;
    try {
      JsonElement element = JsonParser.parseString(text);
      if (!element.isJsonObject()) {
        throw new ModelFormatException(dir, "model.json must hold a JSON object");
      }
      json = element.getAsJsonObject();
    } catch (JsonParseException e) {
      throw new ModelFormatException(dir, "model.json is not valid JSON (" + e.getMessage() + ")", e);
    }
    String sha = optionalString(dir, json, "sha256");
    if (sha != null && !sha.matches("[0-9a-f]{64}")) {
      throw new ModelFormatException(dir, "model.json field \"sha256\" must be 64 lower-case hex digits");
    }
    Long parameters = null;
    if (json.has("parameters") && !json.get("parameters").isJsonNull()) {
      parameters = number(dir, json, "parameters");
    }
    long maxLength = number(dir, json, "maxSequenceLength");
    if (maxLength < 2 || maxLength > Integer.MAX_VALUE) {
      throw new ModelFormatException(dir, "model.json field \"maxSequenceLength\" must be at least 2, was " + maxLength);
    }
    return new ModelManifest(
        string(dir, json, "id"),
        string(dir, json, "source"),
        string(dir, json, "licence"),
        names(dir, json, "inputs"),
        names(dir, json, "outputs"),
        (int) maxLength,
        bool(dir, json, "predictsNoAnswer"),
        sha,
        parameters);
  }

  private static JsonArray strings(List<String> values) {
    JsonArray array = new JsonArray();
    values.forEach(array::add);
    return array;
  }

  private static JsonElement required(Path dir, JsonObject json, String field) throws ModelFormatException {
    JsonElement element = json.get(field);
    if (element == null || element.isJsonNull()) {
      throw new ModelFormatException(dir, "model.json has no \"" + field + "\" field");
    }
    return element;
  }

  private static String string(Path dir, JsonObject json, String field) throws ModelFormatException {
    JsonElement element = required(dir, json, field);
    if (!element.isJsonPrimitive() || !element.getAsJsonPrimitive().isString() || element.getAsString().isBlank()) {
      throw new ModelFormatException(dir, "model.json field \"" + field + "\" must be a non-empty string");
    }
    return element.getAsString();
  }

  private static String optionalString(Path dir, JsonObject json, String field) throws ModelFormatException {
    JsonElement element = json.get(field);
    if (element == null || element.isJsonNull()) {
      return null;
    }
    return string(dir, json, field);
  }

  private static long number(Path dir, JsonObject json, String field) throws ModelFormatException {
    JsonElement element = required(dir, json, field);
    try {
      if (element.isJsonPrimitive() && element.getAsJsonPrimitive().isNumber()) {
        return element.getAsJsonPrimitive().getAsBigDecimal().longValueExact();
      }
    } catch (ArithmeticException e) {
      // falls through to the error below
    }
    throw new ModelFormatException(dir, "model.json field \"" + field + "\" must be a whole number");
  }

  private static boolean bool(Path dir, JsonObject json, String field) throws ModelFormatException {
    JsonElement element = required(dir, json, field);
    if (!element.isJsonPrimitive() || !element.getAsJsonPrimitive().isBoolean()) {
      throw new ModelFormatException(dir, "model.json field \"" + field + "\" must be true or false");
    }
    return element.getAsBoolean();
  }

  private static List<String> names(Path dir, JsonObject json, String field) throws ModelFormatException {
    JsonElement element = required(dir, json, field);
    String problem = "model.json field \"" + field + "\" must be a non-empty list of tensor names";
    if (!element.isJsonArray() || element.getAsJsonArray().isEmpty()) {
      throw new ModelFormatException(dir, problem);
    }
    List<String> names = new ArrayList<>();
    for (JsonElement name : element.getAsJsonArray()) {
      if (!name.isJsonPrimitive() || !name.getAsJsonPrimitive().isString() || name.getAsString().isBlank()) {
        throw new ModelFormatException(dir, problem);
      }
      names.add(name.getAsString());
    }
    return names;
  }
}
