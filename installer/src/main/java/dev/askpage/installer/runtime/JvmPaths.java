package dev.askpage.installer.runtime;

import dev.askpage.installer.platform.Os;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which folders Java 17 can run from and load jars from. Two kinds of path break it while looking fine to a shell:
 *
 * <ul>
 *   <li>the path separator ({@code :}, Windows {@code ;}): the JVM splits its own boot library path and the class path
 *       on it, so a JVM installed there dies with "Error occurred during initialization of VM" (printed on stdout,
 *       the browser's channel) and jars there are not found;
 *   <li>a character outside the Basic Multilingual Plane (an emoji): the class path loader cannot decode it ("Error
 *       decoding percent encoded characters"); the module path and {@code URLClassLoader} with encoded URLs can.
 * </ul>
 */
public final class JvmPaths {
  private JvmPaths() {}

  /** Why jars in {@code dir} cannot go on the class path, or empty when they can. */
  public static Optional<String> classPathProblem(Path dir, Os os) {
    String path = dir.toString();
    Optional<String> separator = separatorProblem(path, os);
    if (separator.isPresent()) {
      return separator;
    }
    if (path.codePoints().anyMatch(Character::isSupplementaryCodePoint)) {
      return Optional.of("it has a character outside Unicode's Basic Multilingual Plane (such as an emoji), which "
          + "Java 17's class path cannot decode");
    }
    return Optional.empty();
  }

  /** Why a JVM installed in {@code dir} could not start, or empty when it can. */
  public static Optional<String> jvmProblem(Path dir, Os os) {
    return separatorProblem(dir.toString(), os);
  }

  /** The separator of class paths and library paths on {@code os}. */
  public static String separator(Os os) {
    return os == Os.WINDOWS ? ";" : ":";
  }

  private static Optional<String> separatorProblem(String path, Os os) {
    String separator = separator(os);
    return path.contains(separator)
        ? Optional.of("it has '" + separator + "', which the JVM takes as a path separator") : Optional.empty();
  }
}
