package dev.askpage.installer.browser;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The native messaging host manifest: what we write for a browser family, and the checks the doctor makes. */
public record HostManifest(String name, String description, String path, String type, Family family,
    List<String> allowed) {
  /** A manifest with a copy of its list. */
  public HostManifest {
    allowed = List.copyOf(allowed);
  }

  /** Our manifest for {@code family}, starting {@code launcher}. */
  public static HostManifest forFamily(Family family, Path launcher) {
    return new HostManifest(HostIdentity.HOST_NAME, HostIdentity.DESCRIPTION, launcher.toAbsolutePath().toString(),
        "stdio", family, HostIdentity.allowed(family));
  }

  /** The JSON the browser reads, pretty-printed, with a final newline. */
  public String toJson() {
    JsonObject json = new JsonObject();
    json.addProperty("name", name);
    json.addProperty("description", description);
    json.addProperty("path", path);
    json.addProperty("type", type);
    JsonArray list = new JsonArray();
    allowed.forEach(list::add);
    json.add(allowedKey(family), list);
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(json) + "\n";
  }

  /**
   * Reads a manifest written for {@code family}.
   *
   * @throws ManifestException when it is not JSON, not an object, or lacks a field
   */
  public static HostManifest parse(String json, Family family) throws ManifestException {
    JsonElement element;
    try {
      element = JsonParser.parseString(json);
    } catch (JsonParseException e) {
      throw new ManifestException("not valid JSON: " + e.getMessage(), e);
    }
    if (!element.isJsonObject()) {
      throw new ManifestException("not a JSON object");
    }
    JsonObject object = element.getAsJsonObject();
    List<String> allowed = new ArrayList<>();
    JsonElement list = object.get(allowedKey(family));
    if (list == null || !list.isJsonArray()) {
      throw new ManifestException("no \"" + allowedKey(family) + "\" list");
    }
    for (JsonElement item : list.getAsJsonArray()) {
      if (!item.isJsonPrimitive()) {
        throw new ManifestException("\"" + allowedKey(family) + "\" holds something that is not a string");
      }
      allowed.add(item.getAsString());
    }
    return new HostManifest(string(object, "name"), optionalString(object, "description"), string(object, "path"),
        string(object, "type"), family, allowed);
  }

  /** What is wrong with this manifest as ours for its family; empty when it is right. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (!HostIdentity.HOST_NAME.equals(name)) {
      problems.add("name is \"" + name + "\", not \"" + HostIdentity.HOST_NAME + "\"");
    }
    if (!"stdio".equals(type)) {
      problems.add("type is \"" + type + "\", not \"stdio\"");
    }
    for (String wanted : HostIdentity.allowed(family)) {
      if (!allowed.contains(wanted)) {
        problems.add(allowedKey(family) + " lacks " + wanted);
      }
    }
    if (!Path.of(path).isAbsolute()) {
      problems.add("path \"" + path + "\" is not absolute");
    }
    return problems;
  }

  /** The manifest key listing who may connect: {@code allowed_origins} or {@code allowed_extensions}. */
  public static String allowedKey(Family family) {
    return family == Family.CHROMIUM ? "allowed_origins" : "allowed_extensions";
  }

  private static String string(JsonObject object, String key) throws ManifestException {
    JsonElement value = object.get(key);
    if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
      throw new ManifestException("no \"" + key + "\" string");
    }
    return value.getAsString();
  }

  private static String optionalString(JsonObject object, String key) {
    JsonElement value = object.get(key);
    return value != null && value.isJsonPrimitive() ? value.getAsString() : "";
  }
}
