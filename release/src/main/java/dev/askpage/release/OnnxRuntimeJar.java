package dev.askpage.release;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * ONNX Runtime's jar carries the native libraries of every platform (~55 MB); a platform's archive keeps only its own
 * ({@code ai/onnxruntime/native/<os-arch>/}), which the installer extracts as it does from the full jar.
 */
final class OnnxRuntimeJar {
  static final String NATIVE = "ai/onnxruntime/native/";

  private OnnxRuntimeJar() {}

  /** Whether {@code fileName} is ONNX Runtime's jar. */
  static boolean is(String fileName) {
    return fileName.startsWith("onnxruntime") && fileName.endsWith(".jar");
  }

  /** Writes {@code jar} without the natives of other platforms than {@code osArch} to {@code out}. */
  static void keepOnly(Path jar, String osArch, Path out, Instant time) throws IOException, ReleaseException {
    String mine = NATIVE + osArch + "/";
    Archive kept = new Archive();
    boolean found = false;
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (ZipEntry entry : Collections.list(zip.entries())) {
        String name = entry.getName();
        if (entry.isDirectory() || (name.startsWith(NATIVE) && !name.startsWith(mine))) {
          continue;
        }
        try (InputStream in = zip.getInputStream(entry)) {
          kept.addBytes(name, in.readAllBytes(), Archive.FILE);
        }
        found |= name.startsWith(mine);
      }
    }
    if (!found) {
      throw new ReleaseException(jar + " has no natives for " + osArch + " (" + mine + ")");
    }
    kept.writeZip(out, time);
  }
}
