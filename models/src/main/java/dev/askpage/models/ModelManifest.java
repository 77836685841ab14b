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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The contents of {@code model.json}: where a model came from and how to call it.
 *
 * @param sha256 hex SHA-256 of {@code model.onnx}, or null when not recorded
 * @param parameters the number of weights, or null when not known
 * @param export how the engine feeds and reads this export ({@code QaExport.describe()}), or null when not recorded
 * @param precision the file the host runs: {@code fp32} ({@code model.onnx}) or {@code int8} (see {@code int8})
 * @param int8 the locally quantized variant beside {@code model.onnx}, or null when there is none
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
    Long parameters,
    Map<String, String> export,
    String precision,
    Int8Variant int8) {

  public static final String FP32 = "fp32";
  public static final String INT8 = "int8";

  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

  public ModelManifest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(licence, "licence");
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    export = export == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(export));
    precision = precision == null ? FP32 : precision;
    if (!precision.equals(FP32) && !precision.equals(INT8)) {
      throw new IllegalArgumentException("precision must be fp32 or int8, was " + precision);
    }
    if (precision.equals(INT8) && int8 == null) {
      throw new IllegalArgumentException("precision int8 needs an int8 variant");
    }
  }

  /** A manifest without export mapping or int8 variant (fp32). */
  public ModelManifest(String id, String source, String licence, List<String> inputs, List<String> outputs,
      int maxSequenceLength, boolean predictsNoAnswer, String sha256, Long parameters) {
    this(id, source, licence, inputs, outputs, maxSequenceLength, predictsNoAnswer, sha256, parameters, null, null,
        null);
  }

  /**
   * The int8 file made from {@code model.onnx} by {@code askpage model quantize}.
   *
   * @param file its name in the model directory
   * @param sha256 its SHA-256
   * @param sourceSha256 the SHA-256 of the fp32 {@code model.onnx} it was made from
   */
  public record Int8Variant(String file, String sha256, String sourceSha256) {
    public Int8Variant {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(sha256, "sha256");
      Objects.requireNonNull(sourceSha256, "sourceSha256");
    }
  }

  /** A copy with the graph's own input and output names. */
  public ModelManifest withSignature(List<String> graphInputs, List<String> graphOutputs) {
    return new ModelManifest(id, source, licence, graphInputs, graphOutputs, maxSequenceLength, predictsNoAnswer,
        sha256, parameters, export, precision, int8);
  }

  /** A copy with the export mapping recorded. */
  public ModelManifest withExport(Map<String, String> mapping) {
    return new ModelManifest(id, source, licence, inputs, outputs, maxSequenceLength, predictsNoAnswer, sha256,
        parameters, mapping, precision, int8);
  }

  /** A copy with an int8 variant and the precision the host runs. */
  public ModelManifest withPrecision(String chosen, Int8Variant variant) {
    return new ModelManifest(id, source, licence, inputs, outputs, maxSequenceLength, predictsNoAnswer, sha256,
        parameters, export, chosen, variant);
  }

  /** A copy with the checksum and parameter count filled in. */
  public ModelManifest withFile(String sha256, Long parameters) {
    return new ModelManifest(id, source, licence, inputs, outputs, maxSequenceLength, predictsNoAnswer, sha256,
        parameters, export, precision, int8);
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
    if (export != null) {
      JsonObject mapping = new JsonObject();
      export.forEach(mapping::addProperty);
      json.add("export", mapping);
    }
    json.addProperty("precision", precision);
    if (int8 != null) {
      JsonObject variant = new JsonObject();
      variant.addProperty("file", int8.file());
      variant.addProperty("sha256", int8.sha256());
      variant.addProperty("sourceSha256", int8.sourceSha256());
      json.add("int8", variant);
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
        parameters,
        export(dir, json),
        precision(dir, json),
        int8(dir, json));
  }

  private static Map<String, String> export(Path dir, JsonObject json) throws ModelFormatException {
    JsonElement element = json.get("export");
    if (element == null || element.isJsonNull()) {
      return null;
    }
    if (!element.isJsonObject()) {
      throw new ModelFormatException(dir, "model.json field \"export\" must be an object of strings");
    }
    Map<String, String> mapping = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> e : element.getAsJsonObject().entrySet()) {
      if (!e.getValue().isJsonPrimitive() || !e.getValue().getAsJsonPrimitive().isString()) {
        throw new ModelFormatException(dir, "model.json field \"export\" must be an object of strings");
      }
      mapping.put(e.getKey(), e.getValue().getAsString());
    }
    return mapping;
  }

  private static String precision(Path dir, JsonObject json) throws ModelFormatException {
    String value = optionalString(dir, json, "precision");
    if (value != null && !value.equals(FP32) && !value.equals(INT8)) {
      throw new ModelFormatException(dir, "model.json field \"precision\" must be \"fp32\" or \"int8\", was " + value);
    }
    if (INT8.equals(value) && (json.get("int8") == null || json.get("int8").isJsonNull())) {
      throw new ModelFormatException(dir, "model.json says precision int8 but describes no int8 file");
    }
    return value;
  }

  private static Int8Variant int8(Path dir, JsonObject json) throws ModelFormatException {
    JsonElement element = json.get("int8");
    if (element == null || element.isJsonNull()) {
      return null;
    }
    if (!element.isJsonObject()) {
      throw new ModelFormatException(dir, "model.json field \"int8\" must be an object");
    }
    JsonObject variant = element.getAsJsonObject();
    String file = string(dir, variant, "file");
    if (file.contains("/") || file.contains("\\") || file.startsWith(".")) {
      throw new ModelFormatException(dir, "model.json field \"int8.file\" must name a file in the model directory");
    }
    for (String field : List.of("sha256", "sourceSha256")) {
      if (!string(dir, variant, field).matches("[0-9a-f]{64}")) {
        throw new ModelFormatException(dir, "model.json field \"int8." + field + "\" must be 64 lower-case hex digits");
      }
    }
    return new Int8Variant(file, variant.get("sha256").getAsString(), variant.get("sourceSha256").getAsString());
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
