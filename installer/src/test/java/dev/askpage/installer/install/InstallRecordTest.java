package dev.askpage.installer.install;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.askpage.installer.browser.Browser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallRecordTest {
  @TempDir Path temp;

  @Test
  void writeMergesWithEarlierInstalls() throws Exception {
    Path file = temp.resolve("record.json");
    InstallRecord first = new InstallRecord();
    first.createdDir(temp.resolve("a"));
    first.write(file);
    InstallRecord second = new InstallRecord();
    second.createdDir(temp.resolve("a/b"));
    second.write(file);
    assertEquals(List.of(temp.resolve("a/b"), temp.resolve("a")), InstallRecord.read(file).createdDirsDeepestFirst());
  }

  @Test
  void missingOrBrokenRecordIsEmpty() throws Exception {
    assertEquals(List.of(), InstallRecord.read(temp.resolve("none.json")).createdDirsDeepestFirst());
    Path broken = Files.writeString(temp.resolve("broken.json"), "{\"createdDirs\": [");
    assertEquals(List.of(), InstallRecord.read(broken).createdDirsDeepestFirst());
  }

  @Test
  void theRegisteredBrowsersAddUpUntilUninstallForgetsThem() throws Exception {
    Path file = temp.resolve("record.json");
    new InstallRecord().write(file);
    assertEquals(Optional.empty(), InstallRecord.read(file).registeredBrowsers(), "an older record does not say");
    InstallRecord first = InstallRecord.read(file);
    first.registered(Browser.FIREFOX);
    first.write(file);
    InstallRecord second = new InstallRecord();
    second.registered(Browser.CHROME); // a later install --browsers chrome: firefox's manifest is still there
    second.write(file);
    assertEquals(Optional.of(Set.of(Browser.CHROME, Browser.FIREFOX)), InstallRecord.read(file).registeredBrowsers());
    InstallRecord uninstalled = InstallRecord.read(file);
    uninstalled.forgetRegistrations();
    uninstalled.write(file);
    assertEquals(Optional.of(Set.of()), InstallRecord.read(file).registeredBrowsers());
  }
}
