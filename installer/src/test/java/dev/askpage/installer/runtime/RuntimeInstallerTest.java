package dev.askpage.installer.runtime;

import dev.askpage.installer.FakeBuild;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.askpage.installer.install.InstallRecord;
import dev.askpage.installer.platform.Os;
import dev.askpage.installer.platform.Platform;
import dev.askpage.installer.platform.UserDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the launchers' Java comes from when the data folder's path keeps a JVM from starting there. */
class RuntimeInstallerTest {
  @TempDir Path temp;

  private Path app() throws Exception {
    return FakeBuild.at(temp.resolve("build/target"));
  }

  /** A folder shaped like a jlink image, as the release archive's install.sh makes one in a temporary folder. */
  private Path image(String name) throws Exception {
    Path image = Files.createDirectories(temp.resolve(name));
    Files.createDirectories(image.resolve("bin"));
    Files.writeString(image.resolve("bin/java"), "#!/bin/sh\n");
    Files.createDirectories(image.resolve("lib"));
    Files.writeString(image.resolve("lib/modules"), "x");
    return image;
  }

  private Platform colonDataHome() throws Exception {
    Path home = Files.createDirectories(temp.resolve("home"));
    return Platform.of(Os.LINUX, home, Map.of("XDG_DATA_HOME", home.resolve("data:dir").toString()));
  }

  @Test
  void anImageThatIsAlsoTheJavaRunningTheInstallIsNotWhatTheLaunchersRunOn() throws Exception {
    Platform platform = colonDataHome();
    Path image = image("tmp-jlink/runtime");
    InstallRecord record = InstallRecord.read(UserDirs.of(platform).installRecord());
    RuntimeInstallException e = assertThrows(RuntimeInstallException.class,
        () -> new RuntimeInstaller(platform).install(image, image, app(), record));
    assertTrue(e.getMessage().contains("XDG_DATA_HOME"), e.getMessage());
    assertTrue(e.getMessage().contains(image.toString()), e.getMessage());
    assertFalse(Files.exists(UserDirs.of(platform).runtimeDir()), "no launcher points at a Java that goes away");
  }

  @Test
  void aJavaOutsideTheImageStillRunsALauncherInSuchAFolder() throws Exception {
    Platform platform = colonDataHome();
    Path javaHome = image("installed jdk");
    InstallRecord record = InstallRecord.read(UserDirs.of(platform).installRecord());
    Launcher launcher = new RuntimeInstaller(platform).install(image("tmp-jlink/runtime"), javaHome, app(), record);
    assertTrue(launcher.javaHome().equals(javaHome), launcher.javaHome().toString());
    assertTrue(Files.isRegularFile(launcher.hostLauncher()));
  }
}
