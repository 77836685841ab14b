package dev.askpage.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxRuntimeJarTest {
  private static final Instant TIME = Instant.parse("2026-11-30T00:00:00Z");

  @TempDir Path temp;

  private Path jar(String... names) throws IOException {
    Path jar = temp.resolve("onnxruntime-1.0.jar");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
      for (String name : names) {
        out.putNextEntry(new ZipEntry(name));
        out.write(name.getBytes());
        out.closeEntry();
      }
    }
    return jar;
  }

  @Test
  void keepsTheClassesAndThisPlatformsNativesOnly() throws Exception {
    Path jar = jar("META-INF/MANIFEST.MF", "ai/onnxruntime/OrtSession.class", "ai/onnxruntime/native/",
        "ai/onnxruntime/native/linux-x64/libonnxruntime.so", "ai/onnxruntime/native/linux-aarch64/libonnxruntime.so",
        "ai/onnxruntime/native/win-x64/onnxruntime.dll", "ThirdPartyNotices.txt");
    Path out = temp.resolve("kept.jar");
    OnnxRuntimeJar.keepOnly(jar, "linux-x64", out, TIME);
    try (ZipFile zip = new ZipFile(out.toFile())) {
      List<String> names = Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList();
      assertEquals(List.of("META-INF/", "META-INF/MANIFEST.MF", "ThirdPartyNotices.txt", "ai/", "ai/onnxruntime/",
          "ai/onnxruntime/OrtSession.class", "ai/onnxruntime/native/", "ai/onnxruntime/native/linux-x64/",
          "ai/onnxruntime/native/linux-x64/libonnxruntime.so"), names);
      assertEquals("ai/onnxruntime/native/linux-x64/libonnxruntime.so", new String(zip.getInputStream(
          zip.getEntry("ai/onnxruntime/native/linux-x64/libonnxruntime.so")).readAllBytes()));
    }
  }

  @Test
  void aJarWithoutThePlatformsNativesIsAnError() throws Exception {
    Path jar = jar("ai/onnxruntime/OrtSession.class", "ai/onnxruntime/native/win-x64/onnxruntime.dll");
    ReleaseException e = assertThrows(ReleaseException.class,
        () -> OnnxRuntimeJar.keepOnly(jar, "linux-x64", temp.resolve("kept.jar"), TIME));
    assertTrue(e.getMessage().contains("no natives for linux-x64"), e.getMessage());
  }

  @Test
  void recognisesOnlyOnnxRuntimesJar() {
    assertTrue(OnnxRuntimeJar.is("onnxruntime-1.29.0.jar"));
    assertEquals(false, OnnxRuntimeJar.is("gson-2.13.2.jar"));
  }
}
