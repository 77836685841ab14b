package dev.askpage.installer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.askpage.installer.install.InstallOptions;
import dev.askpage.installer.install.Installer;
import dev.askpage.installer.platform.Os;
import dev.askpage.installer.platform.Platform;
import dev.askpage.installer.platform.UserDirs;
import dev.askpage.models.ModelManifest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Installing again over an intact model downloads nothing; a damaged one is downloaded again; --replace always. */
class ReinstallTest {
  private static final byte[] ONNX = TestOnnx.bert(50_000);
  private static final byte[] VOCAB = "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nthe\n".getBytes(StandardCharsets.UTF_8);

  @TempDir Path temp;
  private final ByteArrayOutputStream output = new ByteArrayOutputStream();

  private boolean install(Platform platform, FileServer server, boolean replace) throws Exception {
    output.reset();
    PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
    return new Installer(platform, null, out, out).replacingModel(replace)
        .installModel(InstallOptions.ModelChoice.download(server.base()), UserDirs.of(platform));
  }

  private String text() {
    return output.toString(StandardCharsets.UTF_8);
  }

  @Test
  void anIntactModelIsNotDownloadedAgain() throws Exception {
    Platform platform = Platform.of(Os.LINUX, Files.createDirectories(temp.resolve("home")), Map.of());
    Path model = UserDirs.of(platform).modelDir(ModelSpec.defaultModel().id()).resolve("model.onnx");
    try (FileServer server = new FileServer()) {
      server.files.putAll(Map.of("model.onnx", ONNX, "vocab.txt", VOCAB));
      assertTrue(install(platform, server, false));
      int requests = server.ranges.size();
      assertEquals(2, requests, "both files fetched once");

      assertTrue(install(platform, server, false), text());
      assertTrue(text().contains("already installed"), text());
      assertEquals(requests, server.ranges.size(), "nothing downloaded");

      // The files are checked, not only pins.json: a damaged file is downloaded again (a repair).
      byte[] damaged = ONNX.clone();
      damaged[damaged.length - 1] ^= 1;
      Files.write(model, damaged);
      assertTrue(install(platform, server, false), text());
      assertFalse(text().contains("already installed"), text());
      assertTrue(server.ranges.size() > requests, "downloaded again");
      assertArrayEquals(ONNX, Files.readAllBytes(model));

      requests = server.ranges.size();
      assertTrue(install(platform, server, true), text());
      assertTrue(server.ranges.size() > requests, "--replace downloads whatever is there");
    }
  }

  @Test
  void aLocalCopyInstalledBeforeIsNamedAndKept() throws Exception {
    Platform platform = Platform.of(Os.LINUX, Files.createDirectories(temp.resolve("home")), Map.of());
    Path source = Files.createDirectories(temp.resolve("synth"));
    Files.write(source.resolve("model.onnx"), ONNX);
    Files.write(source.resolve("vocab.txt"), VOCAB);
    Files.writeString(source.resolve("model.json"), new ModelManifest("my-synth", "test", "MIT",
        List.of("input_ids", "attention_mask", "token_type_ids"), List.of("start_logits", "end_logits"), 512, true,
        null, null).toJson());
    PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
    new Installer(platform, null, out, out).installModel(new InstallOptions.ModelChoice(
        InstallOptions.ModelChoice.Kind.LOCAL_DIR, source, null), UserDirs.of(platform));
    try (FileServer server = new FileServer()) {
      server.files.putAll(Map.of("model.onnx", TestOnnx.bert(50_001), "vocab.txt", VOCAB));
      assertFalse(install(platform, server, false), "the catalog's model is not what is installed");
      assertTrue(text().contains("another model is installed (my-synth") && text().contains("--replace"), text());
      assertTrue(server.ranges.isEmpty(), "nothing downloaded");
    }
  }
}
