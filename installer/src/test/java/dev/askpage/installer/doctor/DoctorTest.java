package dev.askpage.installer.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.askpage.installer.browser.Browser;
import dev.askpage.installer.browser.Family;
import dev.askpage.installer.browser.Sandbox;
import dev.askpage.installer.install.FileOps;
import dev.askpage.installer.install.InstallRecord;
import dev.askpage.installer.install.Registrar;
import dev.askpage.installer.platform.Os;
import dev.askpage.installer.platform.Platform;
import dev.askpage.installer.platform.UserDirs;
import dev.askpage.installer.registry.RecordingRunner;
import dev.askpage.installer.registry.RegExe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorTest {
  @TempDir Path temp;

  @Test
  void browsersWithTheSameCommandShareOneStartOfTheHost() throws Exception {
    Path home = Files.createDirectories(temp.resolve("home dir"));
    Platform platform = Platform.of(Os.LINUX, home, Map.of());
    Path starts = temp.resolve("starts.log");
    // A launcher that notes each start and exits: every row is red, but the starts are counted.
    Path launcher = Files.writeString(temp.resolve("askpage-host"),
        "#!/bin/sh\necho \"$*\" >> '" + starts + "'\n");
    FileOps.setMode(launcher, FileOps.EXEC_MODE);
    Registrar registrar = new Registrar(platform, new RegExe(new RecordingRunner()));
    for (Browser browser : Browser.values()) {
      registrar.register(browser, launcher, new InstallRecord());
    }
    List<DoctorRow> rows = new Doctor(platform, new RegExe(new RecordingRunner())).check();
    assertEquals(Browser.values().length, rows.size());
    long firefoxes = Arrays.stream(Browser.values()).filter(b -> b.family() != Family.CHROMIUM).count();
    assertEquals(1 + firefoxes, Files.readAllLines(starts).size(), "one start for all Chromium browsers");
    List<DoctorRow> chromium = rows.stream().filter(r -> r.browser().family() == Family.CHROMIUM).toList();
    for (DoctorRow row : chromium) {
      assertEquals(chromium.get(0).fix(), row.fix(), row.browser() + " gets the shared result");
    }
  }

  @Test
  void manifestsAndLaunchersOthersCanWriteAreFlagged() throws Exception {
    Path home = Files.createDirectories(temp.resolve("home"));
    Platform platform = Platform.of(Os.LINUX, home, Map.of());
    Path bin = Files.createDirectories(temp.resolve("bin"));
    FileOps.setMode(bin, FileOps.DIR_MODE);
    Path launcher = Files.writeString(bin.resolve("askpage-host"), "#!/bin/sh\nexit 0\n");
    FileOps.setMode(launcher, FileOps.EXEC_MODE);
    Registrar registrar = new Registrar(platform, new RegExe(new RecordingRunner()));
    Path manifest = registrar.register(Browser.CHROMIUM, launcher, new InstallRecord());
    Doctor doctor = new Doctor(platform, new RegExe(new RecordingRunner()));

    FileOps.setMode(manifest, "rw-rw-r--");
    DoctorRow row = doctor.check(Browser.CHROMIUM, true);
    assertEquals("writable by others", row.manifest());
    assertFalse(row.ok());
    assertTrue(row.fix().contains(manifest.toString()) && row.fix().contains("chmod go-w"), row.fix());

    FileOps.setMode(manifest, FileOps.FILE_MODE);
    FileOps.setMode(launcher, "rwxrwxrwx");
    row = doctor.check(Browser.CHROMIUM, true);
    assertEquals("writable by others", row.launcher());
    assertFalse(row.ok());

    FileOps.setMode(launcher, FileOps.EXEC_MODE);
    FileOps.setMode(bin, "rwxrwxrwx");
    assertTrue(doctor.check(Browser.CHROMIUM, true).fix().contains(bin.toString()), "the launcher's folder too");
  }

  @Test
  void anUnregisteredBrowserIsToldToRunTheInstallScriptOfItsPlatform() throws Exception {
    Path home = Files.createDirectories(temp.resolve("home"));
    DoctorRow linux = new Doctor(Platform.of(Os.LINUX, home, Map.of()), new RegExe(new RecordingRunner()))
        .check(Browser.CHROMIUM, true);
    assertEquals("missing", linux.manifest());
    // Not "askpage install": the installed command refuses to install over itself.
    assertEquals("run install.sh --browsers chromium from the release folder (installer/install.sh in a clone)",
        linux.fix());
    DoctorRow windows = new Doctor(Platform.of(Os.WINDOWS, home, Map.of()), new RegExe(new RecordingRunner()))
        .check(Browser.CHROMIUM, true);
    assertEquals("missing", windows.manifest());
    assertEquals("run install.ps1 --browsers chromium from the release folder (installer\\install.ps1 in a clone)",
        windows.fix());
  }

  @Test
  void aBrowserLeftOutAtInstallIsANoteAndOneThatLostItsManifestIsAProblem() throws Exception {
    Path home = Files.createDirectories(temp.resolve("home"));
    Platform platform = Platform.of(Os.LINUX, home, Map.of());
    Path launcher = Files.writeString(temp.resolve("askpage-host"), "#!/bin/sh\nexit 0\n");
    FileOps.setMode(launcher, FileOps.EXEC_MODE);
    Registrar registrar = new Registrar(platform, new RegExe(new RecordingRunner()));
    InstallRecord record = new InstallRecord();
    registrar.register(Browser.FIREFOX, launcher, record); // install --browsers firefox,chromium
    Path chromium = registrar.register(Browser.CHROMIUM, launcher, record);
    Files.createDirectories(UserDirs.of(platform).dataDir());
    record.write(UserDirs.of(platform).installRecord());
    Doctor doctor = new Doctor(platform, new RegExe(new RecordingRunner()));

    DoctorRow chrome = doctor.check(Browser.CHROME, true); // found on this machine, left out
    assertTrue(chrome.ok(), chrome.toString());
    assertEquals("not registered", chrome.manifest());
    assertTrue(chrome.fix().contains("--browsers chrome"), chrome.fix());
    assertTrue(Doctor.render(List.of(chrome)).startsWith("browser"), "rendered");
    assertFalse(Doctor.render(List.of(chrome)).contains("✗"));

    Files.delete(chromium); // registered, then its manifest went away
    DoctorRow lost = doctor.check(Browser.CHROMIUM, true);
    assertFalse(lost.ok());
    assertEquals("missing", lost.manifest());
  }

  @Test
  void onWindowsOnlyTheBrowsersWithTheirOwnRegistryKeyCountAsRegistered() throws Exception {
    Path home = Files.createDirectories(temp.resolve("home"));
    Path local = temp.resolve("Local");
    Platform windows = Platform.of(Os.WINDOWS, home, Map.of("LOCALAPPDATA", local.toString()));
    Files.createDirectories(local.resolve("Microsoft/Edge/User Data")); // Edge is installed, no other browser
    Path launcher = Files.writeString(temp.resolve("askpage-host.bat"), "#!/bin/sh\nexit 0\n");
    FileOps.setMode(launcher, FileOps.EXEC_MODE);
    RecordingRunner reg = new RecordingRunner();
    InstallRecord record = new InstallRecord();
    new Registrar(windows, new RegExe(reg)).register(Browser.EDGE, launcher, record); // the shared Chromium manifest
    Files.createDirectories(UserDirs.of(windows).dataDir());
    record.write(UserDirs.of(windows).installRecord());
    Doctor doctor = new Doctor(windows, new RegExe(reg));

    List<DoctorRow> rows = doctor.check();
    for (DoctorRow row : rows) {
      if (row.browser() == Browser.EDGE) {
        // Past the manifest and its key (this test's launcher only exits, so the host's start fails).
        assertEquals("ok", row.manifest(), row.toString());
      } else {
        assertEquals("not installed", row.manifest(), row.toString());
        assertTrue(row.ok(), row.toString());
      }
    }

    // Chrome found on the machine but left out at install: a note, not a problem.
    Files.createDirectories(local.resolve("Google/Chrome/User Data"));
    DoctorRow chrome = doctor.check(Browser.CHROME, true);
    assertTrue(chrome.ok(), chrome.toString());
    assertEquals("not registered", chrome.manifest());
    assertTrue(chrome.fix().contains("--browsers chrome"), chrome.fix());

    // Edge's own key removed after the install registered it: a problem.
    reg.keys.clear();
    DoctorRow edge = doctor.check(Browser.EDGE, true);
    assertFalse(edge.ok(), edge.toString());
    assertEquals("no registry key", edge.manifest());
  }

  @Test
  void aRegistryKeyPointingAtAnotherManifestIsAProblem() throws Exception {
    Path home = Files.createDirectories(temp.resolve("home"));
    Platform windows = Platform.of(Os.WINDOWS, home, Map.of("LOCALAPPDATA", temp.resolve("Local").toString()));
    RecordingRunner reg = new RecordingRunner();
    Path launcher = Files.writeString(temp.resolve("askpage-host.bat"), "#!/bin/sh\nexit 0\n");
    new Registrar(windows, new RegExe(reg)).register(Browser.EDGE, launcher, new InstallRecord());
    String key = "HKCU\\Software\\Microsoft\\Edge\\NativeMessagingHosts\\dev.askpage.host";
    reg.keys.put(key, temp.resolve("elsewhere.json").toString());
    DoctorRow edge = new Doctor(windows, new RegExe(reg)).check(Browser.EDGE, true);
    assertFalse(edge.ok(), edge.toString());
    assertEquals("other registry key", edge.manifest());
    assertTrue(edge.fix().contains("elsewhere.json"), edge.fix());
  }

  @Test
  void aSnapBrowserIsAWarningEvenWhenItsChecksPass() throws Exception {
    Path home = Files.createDirectories(temp.resolve("home"));
    Path snapBin = Files.createDirectories(temp.resolve("snap/bin"));
    Path chromium = Files.writeString(snapBin.resolve("chromium"), "#!/bin/sh\nexit 0\n"); // as /snap/bin/chromium
    FileOps.setMode(chromium, FileOps.EXEC_MODE);
    Platform platform = Platform.of(Os.LINUX, home, Map.of("PATH", snapBin.toString()));
    Path launcher = Files.writeString(temp.resolve("askpage-host"), "#!/bin/sh\nexit 0\n");
    FileOps.setMode(launcher, FileOps.EXEC_MODE);
    new Registrar(platform, new RegExe(new RecordingRunner())).register(Browser.CHROMIUM, launcher,
        new InstallRecord());

    DoctorRow row = new Doctor(platform, new RegExe(new RecordingRunner())).check(Browser.CHROMIUM, true);
    assertTrue(row.fix().startsWith("installed as a snap (" + chromium + "): its sandbox does not run native hosts "
        + "from ~/.config; see README"), row.fix());

    // Where the manifest, launcher, hello and ask all pass (a ✓), the snap makes it a ⚠, not a ✗.
    DoctorRow passing = new DoctorRow(Browser.CHROMIUM, true, "ok", "ok", "ok (loaded)", "ok (model)", true, "");
    DoctorRow noted = Doctor.withSandboxNote(passing, new Sandbox("snap", chromium));
    assertTrue(noted.ok());
    assertTrue(Doctor.render(List.of(noted)).lines().skip(1).findFirst().orElseThrow().startsWith("⚠ Chromium"),
        Doctor.render(List.of(noted)));
    assertTrue(Doctor.render(List.of(passing)).lines().skip(1).findFirst().orElseThrow().startsWith("  Chromium"));
  }

  @Test
  void aFlatpakFirefoxIsToldAboutThePortal() throws Exception {
    Path home = Files.createDirectories(temp.resolve("home"));
    Files.createDirectories(home.resolve(".var/app/org.mozilla.firefox")); // what a flatpak Firefox keeps once run
    Platform platform = Platform.of(Os.LINUX, home, Map.of("PATH", temp.resolve("nothing").toString()));
    DoctorRow row = new Doctor(platform, new RegExe(new RecordingRunner())).check(Browser.FIREFOX, true);
    assertTrue(row.fix().startsWith("installed as a flatpak (" + home.resolve(".var/app/org.mozilla.firefox")
        + "): its sandbox starts native hosts only through the desktop's WebExtensions portal"), row.fix());
    assertEquals(List.of(), new Doctor(platform, new RegExe(new RecordingRunner())).check().stream()
        .filter(r -> r.browser() != Browser.FIREFOX && r.fix().contains("installed as a")).toList(),
        "only Firefox is sandboxed here");
  }
}
