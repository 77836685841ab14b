package dev.askpage.installer.install;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.askpage.installer.browser.Browser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The folders an install created, kept in the data folder so that uninstall removes those (once empty) and no others;
 * and the browsers it registered with, so that the doctor can tell a browser left out on purpose from a broken one.
 */
public final class InstallRecord {
  private final Set<Path> createdDirs = new LinkedHashSet<>();
  /** Null: not known (no record, or one written before askpage recorded the browsers). */
  private Set<Browser> registered;
  private boolean registrationsForgotten;

  /** Notes that the host was registered with {@code browser}. */
  public void registered(Browser browser) {
    if (registered == null) {
      registered = EnumSet.noneOf(Browser.class);
    }
    registered.add(browser);
  }

  /** The browsers the installs registered with, or empty when the record does not say (an older install). */
  public Optional<Set<Browser>> registeredBrowsers() {
    return registered == null ? Optional.empty() : Optional.of(Set.copyOf(registered));
  }

  /** Notes that no browser is registered any more (uninstall); the next {@link #write} says so. */
  public void forgetRegistrations() {
    registered = EnumSet.noneOf(Browser.class);
    registrationsForgotten = true;
  }

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
      if (json.isJsonObject() && json.getAsJsonObject().has("registeredBrowsers")) {
        record.registered = EnumSet.noneOf(Browser.class);
        for (JsonElement id : json.getAsJsonObject().getAsJsonArray("registeredBrowsers")) {
          record.registered(Browser.fromId(id.getAsString()));
        }
      }
    } catch (JsonParseException | IllegalStateException | UnsupportedOperationException
        | IllegalArgumentException e) {
      record.registered = null; // unreadable, or a browser this version does not know: the list says nothing sure
    }
    return record;
  }

  /**
   * Writes the record to {@code file}, merging with what is there: repeated installs keep the first's folders, and
   * the browsers registered by earlier installs (their manifests stay) unless {@link #forgetRegistrations}.
   */
  public void write(Path file) throws IOException {
    InstallRecord merged = read(file);
    merged.createdDirs.addAll(createdDirs);
    createdDirs.addAll(merged.createdDirs);
    if (registrationsForgotten) {
      merged.registered = EnumSet.noneOf(Browser.class);
    }
    if (registered != null) {
      registered.forEach(merged::registered);
    }
    JsonObject json = new JsonObject();
    JsonArray dirs = new JsonArray();
    merged.createdDirs.forEach(dir -> dirs.add(dir.toString()));
    json.add("createdDirs", dirs);
    if (merged.registered != null) {
      JsonArray browsers = new JsonArray();
      merged.registered.stream().sorted().forEach(browser -> browsers.add(browser.id()));
      json.add("registeredBrowsers", browsers);
    }
    String text = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(json) + "\n";
    FileOps.writeAtomically(file, text.getBytes(StandardCharsets.UTF_8), FileOps.FILE_MODE);
  }
}
