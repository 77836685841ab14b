package dev.askpage.models;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The real models users can download ({@code catalog.json}, bundled in this module), and which one is the default. */
public final class ModelCatalog {
  static final String RESOURCE = "catalog.json";

  private final List<CatalogModel> models;
  private final String defaultId;

  private ModelCatalog(List<CatalogModel> models, String defaultId) {
    this.models = List.copyOf(models);
    this.defaultId = defaultId;
  }

  /** The bundled catalog. */
  public static ModelCatalog bundled() {
    try (InputStream in = ModelCatalog.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the bundled " + RESOURCE + " is missing from the askpage-models jar");
      }
      return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("the bundled " + RESOURCE + " cannot be read", e);
    }
  }

  /** The model the installer downloads when the user names none. */
  public static CatalogModel defaultModel() {
    return bundled().defaultEntry();
  }

  public List<CatalogModel> models() {
    return models;
  }

  public CatalogModel defaultEntry() {
    return find(defaultId).orElseThrow(
        () -> new IllegalStateException(RESOURCE + " names default " + defaultId + ", which it does not list"));
  }

  public Optional<CatalogModel> find(String id) {
    return models.stream().filter(m -> m.id().equals(id)).findFirst();
  }

  /** Parses catalog JSON; a malformed catalog is a packaging bug, reported as {@link IllegalStateException}. */
  static ModelCatalog parse(Reader reader) {
    try {
      JsonObject root = JsonParser.parseReader(reader).getAsJsonObject();
      List<CatalogModel> models = new ArrayList<>();
      for (JsonElement element : root.getAsJsonArray("models")) {
        models.add(model(element.getAsJsonObject()));
      }
      return new ModelCatalog(models, root.get("default").getAsString());
    } catch (RuntimeException e) {
      throw new IllegalStateException(RESOURCE + " is malformed: " + e.getMessage(), e);
    }
  }

  private static CatalogModel model(JsonObject json) {
    List<CatalogModel.CatalogFile> files = new ArrayList<>();
    for (JsonElement element : json.getAsJsonArray("files")) {
      JsonObject file = element.getAsJsonObject();
      files.add(new CatalogModel.CatalogFile(
          file.get("name").getAsString(), file.get("approximateBytes").getAsLong(), nullableString(file, "sha256")));
    }
    JsonObject evaluation = json.getAsJsonObject("evaluation");
    return new CatalogModel(
        json.get("id").getAsString(),
        json.get("name").getAsString(),
        json.get("repository").getAsString(),
        json.get("homepage").getAsString(),
        json.get("licence").getAsString(),
        nullableString(json, "revision"),
        json.get("urlTemplate").getAsString(),
        strings(json.getAsJsonArray("inputs")),
        strings(json.getAsJsonArray("outputs")),
        json.get("maxSequenceLength").getAsInt(),
        json.get("predictsNoAnswer").getAsBoolean(),
        files,
        evaluation.get("exactMatch").getAsDouble(),
        evaluation.get("f1").getAsDouble());
  }

  private static String nullableString(JsonObject json, String field) {
    JsonElement element = json.get(field);
    return element == null || element.isJsonNull() ? null : element.getAsString();
  }

  private static List<String> strings(JsonArray array) {
    List<String> values = new ArrayList<>();
    array.forEach(e -> values.add(e.getAsString()));
    return values;
  }
}
