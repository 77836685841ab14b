package dev.askpage.installer.model;

import dev.askpage.installer.FakeBuild;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.askpage.installer.browser.Browser;
import dev.askpage.installer.install.InstallOptions;
import dev.askpage.installer.install.Installer;
import dev.askpage.installer.install.Registrar;
import dev.askpage.installer.platform.Os;
import dev.askpage.installer.platform.Platform;
import dev.askpage.installer.platform.UserDirs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code askpage install} whose model download fails other than offline (a server error, a file that fails its
 * check): reported, and the rest of the install goes on, down to the class-data step; an installed model stays.
 */
class FailedDownloadInstallTest {
  private static final byte[] VOCAB = "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nthe\n".getBytes(StandardCharsets.UTF_8);

  @TempDir Path temp;
  private final ByteArrayOutputStream output = new ByteArrayOutputStream();

  private Installer installer(Platform platform, boolean replace) {
    PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
    return new Installer(platform, null, out, out).replacingModel(replace); // Linux: no registry keys
  }

  private InstallOptions options(InstallOptions.ModelChoice model) throws Exception {
    Path app = FakeBuild.at(temp.resolve("build/target"));
    // trainCds: the class-data step runs after the model's (with this fake jar it only says it could not train).
    return new InstallOptions(EnumSet.of(Browser.CHROMIUM, Browser.FIREFOX), null,
        Path.of(System.getProperty("java.home")), app, model, true);
  }

  @Test
  void aServerErrorIsReportedAndTheRestIsInstalled() throws Exception {
    Platform platform = Platform.of(Os.LINUX, Files.createDirectories(temp.resolve("home")), Map.of());
    try (FileServer server = new FileServer()) {
      server.files.putAll(Map.of("model.onnx", TestOnnx.bert(1_000), "vocab.txt", VOCAB));
      server.statuses.put("model.onnx", 500);
      Path launcher = installer(platform, false).install(options(InstallOptions.ModelChoice.download(server.base())));
      String text = output.toString(StandardCharsets.UTF_8);
      assertTrue(text.contains("NOT INSTALLED") && text.contains("500"), text);
      assertTrue(text.contains("lexical mode"), text);
      assertTrue(text.contains("startup "), "the class-data step still ran: " + text);
      assertTrue(Files.isExecutable(launcher));
      assertTrue(Files.exists(new Registrar(platform, null).manifestPath(Browser.FIREFOX)));
      assertFalse(Files.exists(UserDirs.of(platform).modelDir(ModelSpec.defaultModel().id())));
    }
  }

  @Test
  void anInstalledModelStaysWhenTheDownloadFails() throws Exception {
    Platform platform = Platform.of(Os.LINUX, Files.createDirectories(temp.resolve("home")), Map.of());
    Path source = Files.createDirectories(temp.resolve("copy"));
    byte[] onnx = TestOnnx.bert(1_000);
    Files.write(source.resolve("model.onnx"), onnx);
    Files.write(source.resolve("vocab.txt"), VOCAB);
    Path model = UserDirs.of(platform).modelDir(ModelSpec.defaultModel().id());
    installer(platform, false).installModel(new InstallOptions.ModelChoice(InstallOptions.ModelChoice.Kind.LOCAL_DIR,
        source, null), UserDirs.of(platform));
    try (FileServer server = new FileServer()) {
      server.files.putAll(Map.of("model.onnx", TestOnnx.bert(2_000), "vocab.txt", VOCAB));
      server.statuses.put("vocab.txt", 503);
      // --replace: the download is really attempted, and fails on its second file.
      installer(platform, true).install(options(InstallOptions.ModelChoice.download(server.base())));
    }
    String text = output.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("NOT INSTALLED") && text.contains("503") && text.contains("stays as it was"), text);
    assertArrayEquals(onnx, Files.readAllBytes(model.resolve("model.onnx")), "the installed model stays");
  }

  @Test
  void aFileThatCannotBeWrittenIsReportedAndTheRestIsInstalled() throws Exception {
    // An IOException of the model step (here the models folder's .partial is a file; a full disk while the files are
    // staged is another) is reported like a failed download, not the end of the install.
    Platform platform = Platform.of(Os.LINUX, Files.createDirectories(temp.resolve("home")), Map.of());
    Path models = Files.createDirectories(UserDirs.of(platform).modelsDir());
    Files.writeString(models.resolve(".partial"), "in the way");
    try (FileServer server = new FileServer()) {
      server.files.putAll(Map.of("model.onnx", TestOnnx.bert(1_000), "vocab.txt", VOCAB));
      Path launcher = installer(platform, false).install(options(InstallOptions.ModelChoice.download(server.base())));
      String text = output.toString(StandardCharsets.UTF_8);
      assertTrue(text.contains("NOT INSTALLED: cannot write the model into " + models) && text.contains(".partial"),
          text);
      assertTrue(text.contains("lexical mode"), text);
      assertTrue(text.contains("startup "), "the class-data step still ran: " + text);
      assertTrue(Files.isExecutable(launcher));
      assertTrue(Files.exists(new Registrar(platform, null).manifestPath(Browser.FIREFOX)));
    }
  }

  @Test
  void aFileDownloadedWholeByAFailedRunIsNotDownloadedAgain() throws Exception {
    Platform platform = Platform.of(Os.LINUX, Files.createDirectories(temp.resolve("home")), Map.of());
    byte[] onnx = TestOnnx.bert(1_000);
    try (FileServer server = new FileServer()) {
      server.files.putAll(Map.of("model.onnx", onnx, "vocab.txt", VOCAB));
      server.statuses.put("vocab.txt", 503); // model.onnx arrives whole, then the run fails
      installer(platform, false).install(options(InstallOptions.ModelChoice.download(server.base())));
      assertTrue(output.toString(StandardCharsets.UTF_8).contains("NOT INSTALLED"));
      server.statuses.clear();
      installer(platform, false).install(options(InstallOptions.ModelChoice.download(server.base())));
      assertEquals(List.of("none", "bytes=" + (onnx.length - 1) + "-", "none"), server.ranges,
          "model.onnx: its last byte only (no 416, no second download); vocab.txt whole");
    }
    assertArrayEquals(onnx, Files.readAllBytes(UserDirs.of(platform).modelDir(ModelSpec.defaultModel().id())
        .resolve("model.onnx")));
  }
}
