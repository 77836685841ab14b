package dev.askpage.infer;

import ai.onnxruntime.OrtEnvironment;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * ONNX Runtime's environment, and the temporary folder its loader leaves behind. The loader copies its ~28 MB of
 * native libraries (or, with {@code onnxruntime.native.path}, nothing) into a new {@code onnxruntime-java*} folder in
 * {@code java.io.tmpdir} and removes it only at a normal JVM exit; the host halts, so it removes the folder itself.
 */
public final class OrtNative {
  private static final String PREFIX = "onnxruntime-java";
  private static Set<Path> created = Set.of();

  private OrtNative() {}

  /** The environment; the first call loads the native libraries and notes the folder the loader made. */
  public static synchronized OrtEnvironment environment() {
    Set<Path> before = leftovers();
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    Set<Path> after = leftovers();
    after.removeAll(before);
    created = ours(after, ownMemoryMap());
    return env;
  }

  /**
   * Of the folders that appeared while the libraries loaded, those this process loaded from: another askpage JVM
   * starting at the same moment makes one too, and deleting it could pull its libraries away before it maps them. On
   * Linux the process's own memory map says which; elsewhere only a lone new folder is taken as ours.
   */
  static Set<Path> ours(Set<Path> appeared, Optional<String> memoryMap) {
    if (memoryMap.isEmpty()) {
      return appeared.size() == 1 ? Set.copyOf(appeared) : Set.of();
    }
    Set<Path> ours = new HashSet<>();
    for (Path dir : appeared) {
      if (memoryMap.get().contains(dir.toAbsolutePath() + "/")) {
        ours.add(dir);
      }
    }
    return Set.copyOf(ours);
  }

  /** The text of /proc/self/maps, where there is one. */
  private static Optional<String> ownMemoryMap() {
    try {
      return Optional.of(Files.readString(Path.of("/proc/self/maps")));
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty();
    }
  }

  /** Deletes the loader's folder of this process, if any; the libraries stay mapped, so this is safe before exit. */
  public static synchronized void deleteLeftovers() {
    for (Path dir : created) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(OrtNative::deleteQuietly);
      } catch (IOException e) {
        // Already gone, or not ours to read: nothing to clean.
      }
    }
    created = Set.of();
  }

  private static Set<Path> leftovers() {
    Set<Path> found = new HashSet<>();
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, PREFIX + "*")) {
      dirs.forEach(found::add);
    } catch (IOException e) {
      // No readable temporary folder: nothing to note.
    }
    return found;
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // Best effort: a leftover is untidy, not wrong.
    }
  }
}
