package dev.askpage.installer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.askpage.installer.cli.ModelInstallCommand;
import dev.askpage.installer.platform.Os;
import dev.askpage.installer.platform.Platform;
import dev.askpage.installer.platform.UserDirs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code askpage model install --url-base}: a mirror with other model.onnx bytes needs {@code --replace}. */
class ReplaceOptionTest {
  @TempDir Path temp;

  @Test
  void aMirrorWithAnotherModelNeedsReplace() throws Exception {
    Platform platform = Platform.of(Os.LINUX, Files.createDirectories(temp.resolve("home")), Map.of());
    Path model = UserDirs.of(platform).modelDir(ModelSpec.defaultModel().id()).resolve("model.onnx");
    byte[] first = TestOnnx.bert(50_000);
    byte[] second = TestOnnx.bert(50_001);
    byte[] vocab = "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nthe\n".getBytes(StandardCharsets.UTF_8);
    try (FileServer hub = new FileServer(); FileServer mirror = new FileServer()) {
      hub.files.putAll(Map.of("model.onnx", first, "vocab.txt", vocab));
      mirror.files.putAll(Map.of("model.onnx", second, "vocab.txt", vocab));
      assertEquals(0, run(platform, "--url-base", hub.base()));
      assertEquals(0, run(platform, "--url-base", mirror.base()), "the installed model is intact: nothing fetched");
      assertArrayEquals(first, Files.readAllBytes(model));
      Files.write(model, new byte[] {1, 2, 3}); // damaged: a download is due, and must bring the recorded files
      assertEquals(1, run(platform, "--url-base", mirror.base()), "refused without --replace");
      assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(model));
      assertEquals(0, run(platform, "--url-base", mirror.base(), "--replace"));
      assertArrayEquals(second, Files.readAllBytes(model));
    }
  }

  private static int run(Platform platform, String... args) {
    return new CommandLine(new ModelInstallCommand(platform)).execute(args);
  }
}
