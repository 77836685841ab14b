package dev.askpage.eval;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The official predictions file: one JSON object mapping each question id to its answer text. */
public final class PredictionsFile {
  private PredictionsFile() {}

  /** Reads a predictions file, keeping its order. */
  public static Map<String, String> read(Path file) throws EvalException {
    JsonElement root;
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      root = JsonParser.parseReader(reader);
    } catch (IOException e) {
      throw new EvalException("cannot read predictions file " + file + ": " + e.getMessage(), e);
    } catch (JsonParseException e) {
      throw new EvalException("predictions file " + file + " is not valid JSON: " + e.getMessage(), e);
    }
    if (!root.isJsonObject()) {
      throw new EvalException("predictions file " + file + " must hold one JSON object {\"question id\": \"answer\"}");
    }
    Map<String, String> predictions = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> entry : root.getAsJsonObject().entrySet()) {
      JsonElement value = entry.getValue();
      if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
        throw new EvalException("predictions file " + file + ": the answer for " + entry.getKey() + " is not a string");
      }
      predictions.put(entry.getKey(), value.getAsString());
    }
    return predictions;
  }

  /** Writes predictions in the official layout, readable by evaluate-v1.1.py and evaluate-v2.0.py. */
  public static void write(Path file, Map<String, String> predictions) throws EvalException {
    JsonObject root = new JsonObject();
    predictions.forEach(root::addProperty);
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      new GsonBuilder().disableHtmlEscaping().create().toJson(root, writer);
    } catch (IOException e) {
      throw new EvalException("cannot write predictions file " + file + ": " + e.getMessage(), e);
    }
  }
}
