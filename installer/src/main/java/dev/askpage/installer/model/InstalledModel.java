package dev.askpage.installer.model;

import dev.askpage.models.ModelDirectory;
import dev.askpage.models.ModelManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The doctor's line about the installed model: which one, which precision runs, and how its export is fed. */
public final class InstalledModel {
  private InstalledModel() {}

  /** One line describing the model directory {@code dir}, or why it cannot be read. */
  public static String describe(Path dir) {
    if (!Files.isDirectory(dir)) {
      return "model     none installed at " + dir + " (lexical answers): run askpage model install";
    }
    try {
      ModelManifest m = ModelDirectory.read(dir).manifest();
      StringBuilder line = new StringBuilder("model     " + m.id() + " at " + dir + ", precision " + m.precision());
      if (m.int8() != null && m.precision().equals(ModelManifest.FP32)) {
        line.append(" (int8 available: askpage model use int8)");
      }
      Map<String, String> export = m.export();
      line.append(export == null ? "; export mapping not recorded (installed before askpage recorded it)"
          : "; export " + String.join(", ", export.entrySet().stream()
              .map(e -> e.getKey() + "=" + e.getValue()).toList()));
      return line.toString();
    } catch (IOException e) {
      return "model     " + e.getMessage();
    }
  }
}
