package dev.askpage.installer.runtime;

import dev.askpage.installer.doctor.HostClient;
import dev.askpage.installer.doctor.Probe;
import dev.askpage.installer.install.FileOps;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Makes the application CDS archive ({@code runtime/app.jsa}): runs the installed host once through a {@code hello}
 * and an {@code ask} with {@code -XX:ArchiveClassesAtExit}, so later starts map those classes instead of loading them.
 */
public final class CdsTrainer {
  private CdsTrainer() {}

  /** Trains the archive; returns a sentence saying what happened (the host works without the archive too). */
  public static String train(Launcher launcher) throws InterruptedException {
    if (launcher.bootstrapped()) {
      return "no class-data archive: the jars are loaded through the bootstrap jar (see the runtime line above)";
    }
    try {
      Files.deleteIfExists(launcher.cdsArchive());
      try (HostClient host = HostClient.start(
          launcher.hostCommand("-XX:ArchiveClassesAtExit=" + launcher.cdsArchive()), launcher.environment())) {
        host.send(Probe.hello(1));
        host.receive(Duration.ofSeconds(60));
        host.send(Probe.ask(2));
        host.receive(Duration.ofSeconds(120));
        host.closeInput();
        if (!host.process().waitFor(120, TimeUnit.SECONDS)) {
          return "the host did not exit after its input closed; no class-data archive (starts are slower)";
        }
        if (!Files.isRegularFile(launcher.cdsArchive())) {
          return "the JVM wrote no class-data archive (" + lastLine(host.stderrText()) + ")";
        }
        FileOps.setMode(launcher.cdsArchive(), FileOps.FILE_MODE); // the JVM wrote it under the caller's umask
        return "class-data archive written (" + Files.size(launcher.cdsArchive()) / 1_000_000 + " MB)";
      }
    } catch (IOException | TimeoutException e) {
      return "could not train the class-data archive (" + e.getMessage() + "); the host works, starts are slower";
    }
  }

  private static String lastLine(String text) {
    String trimmed = text.strip();
    int newline = trimmed.lastIndexOf('\n');
    return newline < 0 ? trimmed : trimmed.substring(newline + 1);
  }

}
