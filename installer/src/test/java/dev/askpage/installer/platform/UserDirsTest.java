package dev.askpage.installer.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserDirsTest {
  private static final Path HOME = Path.of("/home/a b");

  @Test
  void linuxUsesXdgDataHome() {
    assertEquals(HOME.resolve(".local/share/askpage"), UserDirs.of(Platform.of(Os.LINUX, HOME, Map.of())).dataDir());
    assertEquals(Path.of("/x/askpage/models/m1"),
        UserDirs.of(Platform.of(Os.LINUX, HOME, Map.of("XDG_DATA_HOME", "/x"))).modelDir("m1"));
  }

  @Test
  void macUsesApplicationSupport() {
    assertEquals(HOME.resolve("Library/Application Support/askpage/runtime"),
        UserDirs.of(Platform.of(Os.MAC, HOME, Map.of())).runtimeDir());
  }

  @Test
  void windowsUsesLocalAppData() {
    assertEquals(Path.of("/appdata/askpage/models"),
        UserDirs.of(Platform.of(Os.WINDOWS, HOME, Map.of("LOCALAPPDATA", "/appdata"))).modelsDir());
  }

  @Test
  void theDataFolderTheLaunchersNameComesFirst() {
    // The launchers set ASKPAGE_DATA_DIR to the folder the install used; a browser starts them without XDG_DATA_HOME.
    for (Os os : Os.values()) {
      assertEquals(Path.of("/chosen/askpage/models"), UserDirs.of(Platform.of(os, HOME,
          Map.of("ASKPAGE_DATA_DIR", "/chosen/askpage", "XDG_DATA_HOME", "/x", "LOCALAPPDATA", "/appdata")))
          .modelsDir(), os.toString());
    }
    assertEquals(HOME.resolve(".local/share/askpage"),
        UserDirs.of(Platform.of(Os.LINUX, HOME, Map.of("ASKPAGE_DATA_DIR", "relative/askpage"))).dataDir(),
        "a relative value is ignored, as XDG's are");
  }
}
