package dev.askpage.installer.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.askpage.installer.browser.Browser;
import dev.askpage.installer.browser.Family;
import dev.askpage.installer.browser.HostManifest;
import dev.askpage.installer.platform.Os;
import dev.askpage.installer.platform.Platform;
import dev.askpage.installer.registry.RecordingRunner;
import dev.askpage.installer.registry.RegExe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistrarTest {
  @TempDir Path temp;

  @Test
  void writesManifestWithModeAndRecordsCreatedFolders() throws Exception {
    Path home = temp.resolve("home with space");
    Files.createDirectories(home);
    Registrar registrar = new Registrar(Platform.of(Os.LINUX, home, Map.of()), new RegExe(new RecordingRunner()));
    InstallRecord record = new InstallRecord();
    Path manifest = registrar.register(Browser.BRAVE, Path.of("/opt/x/askpage-host"), record);
    assertEquals(home.resolve(".config/BraveSoftware/Brave-Browser/NativeMessagingHosts/dev.askpage.host.json"),
        manifest);
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(manifest)));
    assertEquals("/opt/x/askpage-host",
        HostManifest.parse(Files.readString(manifest), Family.CHROMIUM).path());
    assertEquals(4, record.createdDirsDeepestFirst().size());
    assertEquals(home.resolve(".config"), record.createdDirsDeepestFirst().get(3));
    // The browser's own folders, made before it ever ran, are private like those it makes itself.
    assertEquals("rwxr-xr-x", mode(manifest.getParent()));
    for (String mine : new String[] {".config/BraveSoftware/Brave-Browser", ".config/BraveSoftware", ".config"}) {
      assertEquals("rwx------", mode(home.resolve(mine)), mine);
    }
  }

  private static String mode(Path path) throws java.io.IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  @Test
  void unregisterLeavesOtherHostsFiles() throws Exception {
    Registrar registrar = new Registrar(Platform.of(Os.LINUX, temp, Map.of()), new RegExe(new RecordingRunner()));
    Path manifest = registrar.register(Browser.FIREFOX, Path.of("/x"), new InstallRecord());
    Path other = Files.writeString(manifest.resolveSibling("org.other.host.json"), "{}");
    assertTrue(registrar.unregister(Browser.FIREFOX));
    assertFalse(Files.exists(manifest));
    assertTrue(Files.exists(other));
    assertFalse(registrar.unregister(Browser.FIREFOX));
  }

  @Test
  void windowsWritesManifestAndRegistryKey() throws Exception {
    RecordingRunner reg = new RecordingRunner();
    Platform windows = Platform.of(Os.WINDOWS, temp, Map.of("LOCALAPPDATA", temp.resolve("Local").toString()));
    Registrar registrar = new Registrar(windows, new RegExe(reg));
    Path manifest = registrar.register(Browser.EDGE, Path.of("/x/askpage-host.bat"), new InstallRecord());
    assertEquals(temp.resolve("Local/askpage/manifests/chromium/dev.askpage.host.json"), manifest);
    assertEquals(manifest.toString(),
        reg.keys.get("HKCU\\Software\\Microsoft\\Edge\\NativeMessagingHosts\\dev.askpage.host"));
    assertTrue(registrar.unregister(Browser.EDGE));
    assertTrue(reg.keys.isEmpty());
  }
}
