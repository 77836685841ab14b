package dev.askpage.installer.cli;

import dev.askpage.installer.platform.Os;
import dev.askpage.installer.platform.Platform;
import dev.askpage.installer.registry.CommandRunner;
import dev.askpage.installer.registry.RegExe;
import dev.askpage.installer.registry.Registry;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/** What the installer's commands share: the real platform and registry, and where the built application is. */
final class Commands {
  private Commands() {}

  /** The registry: reg.exe on Windows; elsewhere one that has no keys (the table names none off Windows). */
  /**
   * {@code given}, or this process's platform; a HOME Java cannot represent (a non-ASCII path under the C/POSIX
   * locale, whose charset is ASCII) is an error saying how to run instead.
   */
  static Platform platform(Platform given) throws IOException {
    if (given != null) {
      return given;
    }
    try {
      return Platform.current();
    } catch (InvalidPathException e) {
      throw new IOException("your home folder's path cannot be read in this locale (file names are decoded as "
          + System.getProperty("sun.jnu.encoding") + "): run with a UTF-8 locale, e.g.  LC_ALL=C.UTF-8 java -jar "
          + "askpage.jar ...  (the installed askpage launchers and install.sh do this themselves)", e);
    }
  }

  static Registry registry(Platform platform) {
    if (platform.os() == Os.WINDOWS) {
      return new RegExe(CommandRunner.processes());
    }
    return new Registry() {
      @Override
      public void setDefaultValue(String key, String value) throws IOException {
        throw new IOException("no registry on " + platform.os());
      }

      @Override
      public Optional<String> defaultValue(String key) {
        return Optional.empty();
      }

      @Override
      public boolean deleteKey(String key) {
        return false;
      }
    };
  }

  /** Standard output in UTF-8 whatever the locale (the doctor's table has ✗ and ⚠). */
  static PrintStream stdout() {
    return new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
  }

  /** Standard error in UTF-8 (download progress). */
  static PrintStream stderr() {
    return new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
  }

  /** A failure the user can act on: one line on stderr, exit status 1. */
  static int fail(String command, Exception e) {
    stderr().println("askpage " + command + ": " + e.getMessage());
    return 1;
  }

  /** The folder of the running {@code askpage.jar} ({@code host/target}), found from this class's jar. */
  static Optional<Path> runningAppDir() {
    try {
      Path jar = Path.of(Commands.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      // this class lives in lib/askpage-installer-*.jar beside askpage.jar
      Path dir = jar.getParent() == null ? null : jar.getParent().getParent();
      return dir != null && Files.isRegularFile(dir.resolve("askpage.jar")) ? Optional.of(dir) : Optional.empty();
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      return Optional.empty();
    }
  }
}
