package dev.askpage.installer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the installer copies from a build: a folder shaped like host/target (a jar and its lib/), with dummy files. */
public final class FakeBuild {
  private FakeBuild() {}

  /** Creates {@code target} with an {@code askpage.jar} and a {@code lib/gson.jar} (neither a real jar) in it. */
  public static Path at(Path target) throws IOException {
    Path app = Files.createDirectories(target);
    Files.writeString(app.resolve("askpage.jar"), "not really a jar");
    Files.createDirectories(app.resolve("lib"));
    Files.writeString(app.resolve("lib/gson.jar"), "x");
    return app;
  }
}
