package dev.askpage.installer.install;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The folders an install created, kept in the data folder so that uninstall removes those (once empty) and no others. */
public final class InstallRecord {
  private final Set<Path> createdDirs = new LinkedHashSet<>();

  /** Notes that the installer created {@code dir}. */
  public void createdDir(Path dir) {
    createdDirs.add(dir.toAbsolutePath().normalize());
  }

  /** The created folders, deepest first (the order to remove them in). */
  public List<Path> createdDirsDeepestFirst() {
    return createdDirs.stream()
        .sorted(Comparator.comparingInt(Path::getNameCount).reversed().thenComparing(Comparator.naturalOrder()))
        .toList();
  }

  /** Reads {@code file}; an absent or unreadable record is an empty one (uninstall then removes only what it knows). */
  public static InstallRecord read(Path file) throws IOException {
    InstallRecord record = new InstallRecord();
    if (!Files.isRegularFile(file)) {
      return record;
    }
    try {
      JsonElement json = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
      if (json.isJsonObject() && json.getAsJsonObject().has("createdDirs")) {
        for (JsonElement dir : json.getAsJsonObject().getAsJsonArray("createdDirs")) {
          record.createdDir(Path.of(dir.getAsString()));
        }
      }
    } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
      return record;
    }
    return record;
  }

  /** Writes the record to {@code file} (merging with what is there, so repeated installs keep the first's folders). */
  public void write(Path file) throws IOException {
    InstallRecord merged = read(file);
    merged.createdDirs.addAll(createdDirs);
    createdDirs.addAll(merged.createdDirs);
    JsonObject json = new JsonObject();
    JsonArray dirs = new JsonArray();
    merged.createdDirs.forEach(dir -> dirs.add(dir.toString()));
    json.add("createdDirs", dirs);
    String text = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(json) + "\n";
    FileOps.writeAtomically(file, text.getBytes(StandardCharsets.UTF_8), FileOps.FILE_MODE);
  }
}
