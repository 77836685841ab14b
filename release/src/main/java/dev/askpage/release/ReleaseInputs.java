package dev.askpage.release;

import java.nio.file.Path;
import java.time.Instant;

/**
 * Where a release build takes its parts from, all inside one built clone ({@code root}), and the fixed time stamped on
 * every archive entry (Maven's {@code project.build.outputTimestamp}).
 */
public record ReleaseInputs(Path root, String version, Instant timestamp) {
  /** The host's jar and its {@code lib/} (what the installer's {@code --app-dir} takes). */
  public Path app() {
    return root.resolve("host/target");
  }

  /** installer/runtime's jlink image: its {@code release} file names the modules of the archives' runtimes. */
  public Path image() {
    return root.resolve("installer/runtime/target/maven-jlink/default");
  }

  /** The extension built by {@code node extension/scripts/build.js --out release/target/extension}. */
  public Path extension() {
    return root.resolve("release/target/extension");
  }

  /** The installer scripts ({@code install.sh}, {@code install.ps1}) shared with the clone install. */
  public Path installerScripts() {
    return root.resolve("installer");
  }

  /** The archive's own files: README.md, uninstall scripts, third-party notices. */
  public Path archiveFiles() {
    return root.resolve("release/src/archive");
  }

  /** The folder every entry of the archives sits in: {@code askpage-VERSION/}. */
  public String folder() {
    return "askpage-" + version + "/";
  }
}
