package dev.askpage.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import dev.askpage.installer.browser.Browser;
import dev.askpage.installer.browser.Family;
import dev.askpage.installer.browser.HostManifest;
import dev.askpage.installer.doctor.Doctor;
import dev.askpage.installer.doctor.DoctorRow;
import dev.askpage.installer.doctor.HostClient;
import dev.askpage.installer.doctor.Probe;
import dev.askpage.installer.install.InstallOptions;
import dev.askpage.installer.install.Installer;
import dev.askpage.installer.install.Registrar;
import dev.askpage.installer.install.Uninstaller;
import dev.askpage.installer.platform.Os;
import dev.askpage.installer.platform.Platform;
import dev.askpage.installer.registry.CommandRunner;
import dev.askpage.installer.registry.RegExe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Installs the built host (target/askpage.jar + lib/, the jlink image of installer/runtime) into a temporary HOME with
 * a space in it, then talks to it through a manifest's path exactly as the browsers do. Runs after package (failsafe).
 */
class InstallIT {
  @TempDir Path temp;

  @Test
  void installedHostAnswersThroughEveryManifestAndDoctorIsGreen() throws Exception {
    Path app = Path.of("target").toAbsolutePath();
    Path image = app.resolve("../../installer/runtime/target/maven-jlink/default").normalize();
    assumeTrue(Files.isRegularFile(app.resolve("askpage.jar")), "needs mvn package");
    Path home = Files.createDirectories(temp.resolve("home with space"));
    Os os = Os.fromOsName(System.getProperty("os.name"));
    Platform platform = Platform.of(os, home, Map.of("LOCALAPPDATA", home.resolve("AppData/Local").toString()));
    RegExe registry = new RegExe(CommandRunner.processes());
    Path launcher = new Installer(platform, registry, System.out, System.err).install(new InstallOptions(
        EnumSet.allOf(Browser.class), Files.isDirectory(image) ? image : null,
        Path.of(System.getProperty("java.home")), app, InstallOptions.ModelChoice.skip(), true));
    assertTrue(Files.isExecutable(launcher));

    Registrar registrar = new Registrar(platform, registry);
    for (Browser browser : List.of(Browser.CHROME, Browser.FIREFOX)) {
      Path manifest = registrar.manifestPath(browser);
      HostManifest parsed = HostManifest.parse(Files.readString(manifest), browser.family());
      List<String> command = new ArrayList<>(List.of(parsed.path()));
      command.addAll(Doctor.browserArguments(browser, manifest));
      try (HostClient host = HostClient.start(command, Map.of())) {
        host.send(Probe.hello(1));
        JsonObject hello = host.receive(Probe.timeout());
        assertNull(Probe.checkHello(hello, 1), hello.toString());
        host.send(Probe.ask(2));
        JsonObject answers = host.receive(Probe.timeout());
        assertNull(Probe.checkAnswers(answers, 2), answers.toString());
        host.closeInput();
        assertEquals(0, host.process().waitFor(), host.stderrText());
      }
    }

    List<DoctorRow> rows = new Doctor(platform, registry).check();
    assertTrue(rows.stream().allMatch(DoctorRow::ok), Doctor.render(rows));

    new Uninstaller(platform, registry, System.out).uninstall(true);
    try (Stream<Path> left = Files.walk(home)) {
      assertEquals(List.of(home), left.toList());
    }
    assertEquals(Family.CHROMIUM, Browser.EDGE.family());
  }
}
