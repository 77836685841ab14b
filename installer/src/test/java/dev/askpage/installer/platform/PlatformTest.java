package dev.askpage.installer.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformTest {
  private static final Path HOME = Path.of("/home/a b");

  @Test
  void osFromName() {
    assertEquals(Os.WINDOWS, Os.fromOsName("Windows 11"));
    assertEquals(Os.MAC, Os.fromOsName("Mac OS X"));
    assertEquals(Os.LINUX, Os.fromOsName("Linux"));
  }

  @Test
  void xdgDefaultsAndOverrides() {
    Platform plain = Platform.of(Os.LINUX, HOME, Map.of());
    assertEquals(HOME.resolve(".config"), plain.xdgConfigHome());
    assertEquals(HOME.resolve(".local/share"), plain.xdgDataHome());
    Platform set = Platform.of(Os.LINUX, HOME, Map.of("XDG_CONFIG_HOME", "/cfg", "XDG_DATA_HOME", "/data"));
    assertEquals(Path.of("/cfg"), set.xdgConfigHome());
    assertEquals(Path.of("/data"), set.xdgDataHome());
  }

  @Test
  void relativeXdgValueIsIgnored() {
    Platform platform = Platform.of(Os.LINUX, HOME, Map.of("XDG_DATA_HOME", "relative/data"));
    assertEquals(HOME.resolve(".local/share"), platform.xdgDataHome());
  }

  @Test
  void searchPathSplitsAndSkipsBlanks() {
    Platform platform = Platform.of(Os.LINUX, HOME, Map.of("PATH", "/usr/bin::/bin"));
    assertEquals(List.of(Path.of("/usr/bin"), Path.of("/bin")), platform.searchPath());
  }

  @Test
  void onnxRuntimeNames() {
    assertEquals("linux-x64", new Platform(Os.LINUX, "amd64", HOME, Map.of()).onnxRuntimeOsArch());
    assertEquals("osx-aarch64", new Platform(Os.MAC, "aarch64", HOME, Map.of()).onnxRuntimeOsArch());
    assertEquals("win-x64", new Platform(Os.WINDOWS, "amd64", HOME, Map.of()).onnxRuntimeOsArch());
  }

  @Test
  void homeIsTheEnvironmentsHomeOffWindows() {
    assertEquals(Path.of("/tmp/new user"), Platform.home(Os.LINUX, Map.of("HOME", "/tmp/new user"), "/root"));
    assertEquals(Path.of("/Users/a"), Platform.home(Os.MAC, Map.of("HOME", "/Users/a"), "/root"));
    assertEquals(Path.of("/root"), Platform.home(Os.LINUX, Map.of("HOME", "relative"), "/root"));
    assertEquals(Path.of("/root"), Platform.home(Os.LINUX, Map.of(), "/root"));
    assertEquals(Path.of("C:\\Users\\a"), Platform.home(Os.WINDOWS, Map.of("HOME", "/c/x"), "C:\\Users\\a"));
  }
}
