package dev.askpage.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import dev.askpage.installer.browser.Browser;
import dev.askpage.installer.browser.HostManifest;
import dev.askpage.installer.doctor.Doctor;
import dev.askpage.installer.doctor.HostClient;
import dev.askpage.installer.doctor.Probe;
import dev.askpage.installer.install.Registrar;
import dev.askpage.installer.platform.Os;
import dev.askpage.installer.platform.Platform;
import dev.askpage.installer.registry.CommandRunner;
import dev.askpage.installer.registry.RegExe;
import dev.askpage.models.SharedData;
import dev.askpage.models.SyntheticModels;
import dev.askpage.tokenizer.Vocabulary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * An install into a data folder chosen with {@code XDG_DATA_HOME} (as README suggests for a path with ':'): the host
 * the browser starts, without that variable, still finds the model there, and the installed command still finds the
 * runtime to uninstall. Runs the built jar (after package) with the Java running the test (--no-cds, no image needed).
 */
class DataFolderIT {
  private static final Path JAR = Path.of("target/askpage.jar").toAbsolutePath();

  @TempDir Path temp;

  @Test
  @EnabledOnOs(value = OS.LINUX, disabledReason = "starts the installed POSIX launcher")
  void theLaunchersKeepTheDataFolderTheInstallUsed() throws Exception {
    if (!Files.isRegularFile(JAR)) {
      fail(JAR + " is missing: run with mvn verify, which packages first");
    }
    Path home = Files.createDirectories(temp.resolve("home"));
    Path chosen = Files.createDirectories(temp.resolve("chosen data"));
    Map<String, String> user = new HashMap<>();
    user.put("HOME", home.toString());
    user.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
    user.put("XDG_DATA_HOME", ""); // blank counts as unset (XDG rules): the browser's environment
    user.put("ASKPAGE_MODEL_DIR", "");
    user.put("ASKPAGE_DATA_DIR", "");
    user.put("LC_ALL", "C.UTF-8");
    Map<String, String> installing = new HashMap<>(user);
    installing.put("XDG_DATA_HOME", chosen.toString());

    InstallIT.run(List.of(java(), "-jar", JAR.toString(), "install", "--browsers", "all", "--no-cds",
        "--model-dir", oracleModel(temp.resolve("oracle")).toString()), installing, 0);
    Path data = chosen.resolve("askpage");
    assertTrue(Files.isDirectory(data.resolve("models/mobilebert-uncased-squad-v2")), "the model went where asked");
    assertFalse(Files.exists(home.resolve(".local")), "nothing in the default data folder");

    Platform platform = Platform.of(Os.LINUX, home, user);
    Path manifest = new Registrar(platform, new RegExe(CommandRunner.processes())).manifestPath(Browser.CHROMIUM);
    List<String> command = new ArrayList<>(List.of(HostManifest.parse(Files.readString(manifest),
        Browser.CHROMIUM.family()).path()));
    command.addAll(Doctor.browserArguments(Browser.CHROMIUM, manifest));
    try (HostClient host = HostClient.start(command, user)) {
      host.send(Probe.hello(1));
      JsonObject hello = host.receive(Probe.timeout());
      assertNull(Probe.checkReply(hello, 1, "hello"), hello + "\n" + host.stderrText());
      host.send(Probe.ask(2));
      JsonObject answers = host.receive(Probe.timeout());
      assertNull(Probe.checkReply(answers, 2, "answers"), answers + "\n" + host.stderrText());
      assertEquals("model", Probe.mode(answers), "the host found the model in " + data + ": " + answers);
      host.closeInput();
      assertTrue(host.process().waitFor(30, TimeUnit.SECONDS), "host exits when the browser closes the pipe");
    }

    Path cli = data.resolve("runtime/bin/askpage");
    String doctor = InstallIT.run(List.of(cli.toString(), "doctor"), user, 0);
    assertTrue(doctor.contains("ok (model)") && doctor.contains(data.resolve("models").toString()), doctor);
    InstallIT.run(List.of(cli.toString(), "uninstall", "--purge"), user, 0);
    assertFalse(Files.exists(data), "the installed command removed the install it belongs to");
    assertFalse(Files.exists(manifest));
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The oracle model answering from "sesame" to "street": the probe's text answers "Sesame Street". */
  private static Path oracleModel(Path dir) throws Exception {
    Path vocab = SharedData.vocabulary();
    Vocabulary v = Vocabulary.load(vocab);
    return SyntheticModels.writeOracle(dir, v.id("sesame"), v.id("street"), vocab).dir();
  }
}
