package dev.askpage.installer.model;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.askpage.models.ModelDirectory;
import dev.askpage.models.ModelFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What an installed model was verified to be: each file's SHA-256 and, for a download from the Hugging Face Hub, the
 * repository commit it came from ({@value Downloader#REPO_COMMIT_HEADER}). Kept in {@code <model>/pins.json}; a later
 * download must match it unless the user asks to replace the model.
 *
 * @param sha256 file name to lower-case hex SHA-256
 * @param repoCommit the commit the files were served from, or null when the server named none
 */
public record InstalledPins(Map<String, String> sha256, String repoCommit) {
  /** The file beside {@code model.json} holding the pins. */
  public static final String FILE = "pins.json";
  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

  /** Pins with a sorted copy of the map. */
  public InstalledPins {
    sha256 = new TreeMap<>(sha256);
  }

  /**
   * The pins of the model installed in {@code dir}: its {@code pins.json}; for a model installed before there was one,
   * the SHA-256 of {@code model.onnx} its {@code model.json} records; empty when nothing is installed or recorded.
   */
  public static Optional<InstalledPins> read(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    try {
      JsonObject json = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
      Map<String, String> hashes = new TreeMap<>();
      for (Map.Entry<String, JsonElement> e : json.getAsJsonObject("sha256").entrySet()) {
        hashes.put(e.getKey(), e.getValue().getAsString());
      }
      JsonElement commit = json.get("repoCommit");
      return Optional.of(new InstalledPins(hashes, commit == null || commit.isJsonNull() ? null : commit.getAsString()));
    } catch (NoSuchFileException e) {
      return fromManifest(dir);
    } catch (JsonParseException | IllegalStateException | ClassCastException | NullPointerException e) {
      throw new ModelFormatException(dir, FILE + " is damaged (" + e.getMessage() + "); reinstall the model with "
          + "--replace");
    }
  }

  private static Optional<InstalledPins> fromManifest(Path dir) throws IOException {
    if (!Files.isRegularFile(dir.resolve(ModelDirectory.MANIFEST_FILE))) {
      return Optional.empty();
    }
    String onnx = ModelDirectory.read(dir).manifest().sha256();
    return onnx == null ? Optional.empty()
        : Optional.of(new InstalledPins(Map.of(ModelDirectory.MODEL_FILE, onnx), null));
  }

  /** Writes {@code pins.json} into {@code dir}. */
  public void write(Path dir) throws IOException {
    JsonObject json = new JsonObject();
    JsonObject hashes = new JsonObject();
    sha256.forEach(hashes::addProperty);
    json.add("sha256", hashes);
    if (repoCommit != null) {
      json.addProperty("repoCommit", repoCommit);
    }
    Files.writeString(dir.resolve(FILE), GSON.toJson(json) + "\n", StandardCharsets.UTF_8);
  }

  /**
   * What would change if these pins replaced {@code installed}, one line each ("model.onnx: SHA-256 a → b"); empty
   * when every file recorded on both sides is the same. The repository commit is named among the changes when the
   * files differ; files identical in another commit (the repository moved on, e.g. a README edit) are the same model.
   */
  public List<String> changesFrom(InstalledPins installed) {
    List<String> changes = new ArrayList<>();
    for (Map.Entry<String, String> was : installed.sha256.entrySet()) {
      String now = sha256.get(was.getKey());
      if (now != null && !now.equalsIgnoreCase(was.getValue())) {
        changes.add(was.getKey() + ": SHA-256 " + was.getValue() + " -> " + now);
      }
    }
    if (!changes.isEmpty() && installed.repoCommit != null && repoCommit != null
        && !Objects.equals(installed.repoCommit, repoCommit)) {
      changes.add("repository commit " + installed.repoCommit + " -> " + repoCommit);
    }
    return changes;
  }
}
