package dev.askpage.installer.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.askpage.installer.install.FileOps;
import dev.askpage.installer.platform.Os;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherTest {
  @TempDir Path temp;

  @Test
  void quoteSurvivesSpacesQuotesAndDollars() {
    assertEquals("'/home/it'\\''s $me'", Launcher.quote("/home/it's $me"));
  }

  @Test
  void posixScriptPassesBrowserArgumentsAndPaths() throws Exception {
    // A fake "java" that prints its arguments one per line: the script must hand them over intact.
    Path runtime = temp.resolve("run time $x");
    Path javaHome = Files.createDirectories(runtime.resolve("image/bin")).getParent();
    Path java = Files.writeString(javaHome.resolve("bin/java"), "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
    FileOps.setMode(java, FileOps.EXEC_MODE);
    Launcher launcher = new Launcher(Os.LINUX, runtime, javaHome, List.of("askpage.jar", "lib/a b.jar"));
    Path script = Files.createDirectories(runtime.resolve("bin")).resolve("askpage-host");
    Files.writeString(script, launcher.hostScript());
    FileOps.setMode(script, FileOps.EXEC_MODE);
    Process process = new ProcessBuilder(script.toString(), "chrome-extension://id/").start();
    List<String> args = new String(process.getInputStream().readAllBytes()).lines().toList();
    assertEquals(0, process.waitFor());
    assertEquals(List.of("dev.askpage.cli.Main", "host", "chrome-extension://id/"),
        args.subList(args.size() - 3, args.size()));
    assertTrue(args.contains(runtime.resolve("app/askpage.jar") + ":" + runtime.resolve("app/lib/a b.jar")));
    assertTrue(args.contains("-Donnxruntime.native.path=" + runtime.resolve("native")));
    assertTrue(args.stream().noneMatch(a -> a.startsWith("-XX:SharedArchiveFile")), "no archive yet");
    Files.writeString(launcher.cdsArchive(), "x");
    process = new ProcessBuilder(script.toString()).start();
    args = new String(process.getInputStream().readAllBytes()).lines().toList();
    assertEquals("-XX:SharedArchiveFile=" + launcher.cdsArchive(), args.get(0));
  }

  @Test
  void windowsScriptUsesSemicolonsAndCrLf() {
    Launcher launcher = new Launcher(Os.WINDOWS, Path.of("/r"), Path.of("/r/image"), List.of("askpage.jar", "lib/x.jar"));
    String script = launcher.hostScript();
    assertTrue(script.startsWith("@echo off\r\n"));
    assertTrue(script.contains("\"%ASKPAGE_RUNTIME%\\app\\askpage.jar;%ASKPAGE_RUNTIME%\\app\\lib\\x.jar\""), script);
    assertTrue(script.contains("dev.askpage.cli.Main host %*"));
    assertTrue(launcher.hostLauncher().toString().endsWith("askpage-host.bat"));
  }

  @Test
  void windowsScriptsForANonAsciiUserFolderAreAsciiAndNameTheInstallsFiles() {
    // cmd.exe reads a .bat in the OEM code page: UTF-8 "José" would reach Java as "JosÃ©".
    Path runtime = Path.of("C:/Users/José/AppData/Local/askpage/runtime");
    Launcher launcher = new Launcher(Os.WINDOWS, runtime, runtime.resolve("image"), List.of("askpage.jar", "lib/x.jar"));
    assertEquals(Optional.empty(), launcher.scriptProblem());
    for (boolean archive : List.of(true, false)) {
      String script = launcher.hostScript();
      assertTrue(script.chars().allMatch(c -> c < 0x80), "ASCII only:\n" + script);
      BatchScript.Run run = BatchScript.run(script, launcher.hostLauncher(), "chrome-extension://id/",
          file -> archive && file.equals(launcher.cdsArchive().toString()));
      List<String> expected = new ArrayList<>(launcher.hostCommand("-XX:SharedArchiveFile=" + launcher.cdsArchive()));
      if (!archive) {
        expected.remove(1);
      }
      expected.add("chrome-extension://id/");
      assertEquals(expected, run.command());
      assertEquals(launcher.environment(), withoutRuntimeVariable(run.env()));
      assertEquals("C:/Users/José/AppData/Local/askpage", run.env().get("ASKPAGE_DATA_DIR"));
    }
    String cli = launcher.cliScript();
    assertTrue(cli.chars().allMatch(c -> c < 0x80), "ASCII only:\n" + cli);
    BatchScript.Run run = BatchScript.run(cli, launcher.cliLauncher(), "doctor", file -> true);
    assertEquals(launcher.java().toString(), run.command().get(0));
    assertEquals("doctor", run.command().get(run.command().size() - 1));
    assertEquals(launcher.environment(), withoutRuntimeVariable(run.env()));
  }

  @Test
  void aJavaOutsideTheRuntimeIsNamedFromItWhenItsPathIsNotAscii() {
    // No jlink image: the runtime runs on the JDK doing the install, here in the same non-ASCII user folder.
    Path runtime = Path.of("C:/Users/José/AppData/Local/askpage/runtime");
    Path jdk = Path.of("C:/Users/José/.jdks/jdk-17");
    Launcher launcher = new Launcher(Os.WINDOWS, runtime, jdk, List.of("askpage.jar"));
    String script = launcher.hostScript();
    assertTrue(script.contains("\"%ASKPAGE_RUNTIME%\\..\\..\\..\\..\\.jdks\\jdk-17\\bin\\java.exe\""), script);
    BatchScript.Run run = BatchScript.run(script, launcher.hostLauncher(), "", file -> false);
    assertEquals("C:/Users/José/.jdks/jdk-17/bin/java.exe",
        Path.of(run.command().get(0)).normalize().toString());
    Launcher ascii = new Launcher(Os.WINDOWS, runtime, Path.of("C:/Program Files/Java/jdk-17"), List.of("askpage.jar"));
    assertTrue(ascii.hostScript().contains("\"C:/Program Files/Java/jdk-17/bin/java.exe\""), "as it is when ASCII");
    Launcher elsewhere = new Launcher(Os.WINDOWS, runtime, Path.of("D:/Jävä/jdk-17"), List.of("askpage.jar"));
    assertTrue(elsewhere.scriptProblem().isPresent(), "no ASCII name for it");
    assertTrue(elsewhere.scriptProblem().get().contains("Jävä"), elsewhere.scriptProblem().get());
  }

  @Test
  void aWindowsRuntimeWithASemicolonStartsInsideItFoundFromTheScriptsFolder() {
    Path runtime = Path.of("C:/Users/a;b/askpage/runtime");
    Launcher launcher = new Launcher(Os.WINDOWS, runtime, Path.of("C:/Java/jdk-17"), List.of("askpage.jar"));
    assertTrue(launcher.startsInsideRuntime());
    BatchScript.Run run = BatchScript.run(launcher.hostScript(), launcher.hostLauncher(), "", file -> false);
    assertEquals(runtime.toString(), run.cwd());
    assertEquals(launcher.hostCommand("-Xshare:auto").subList(2, launcher.hostCommand("-Xshare:auto").size()),
        run.command().subList(1, run.command().size()));
  }

  private static Map<String, String> withoutRuntimeVariable(Map<String, String> env) {
    Map<String, String> copy = new HashMap<>(env);
    copy.remove(Launcher.RUNTIME_VARIABLE);
    return copy;
  }

  @Test
  void posixScriptsExportTheEnvironmentAndStartTheHostCommand() throws Exception {
    // A fake "java" that prints its environment: each script must export environment() intact (spaces, $, quotes).
    Path runtime = temp.resolve("it's run time $x");
    Path javaHome = Files.createDirectories(runtime.resolve("image/bin")).getParent();
    Path java = Files.writeString(javaHome.resolve("bin/java"), "#!/bin/sh\nenv\n");
    FileOps.setMode(java, FileOps.EXEC_MODE);
    Launcher launcher = new Launcher(Os.LINUX, runtime, javaHome, List.of("askpage.jar"));
    Path bin = Files.createDirectories(runtime.resolve("bin"));
    for (String text : List.of(launcher.hostScript(), launcher.cliScript())) {
      Path script = Files.writeString(bin.resolve("script"), text);
      FileOps.setMode(script, FileOps.EXEC_MODE);
      // Started as a browser starts it: without the XDG_DATA_HOME the install ran with, or with another one.
      ProcessBuilder builder = new ProcessBuilder(script.toString());
      builder.environment().remove("XDG_DATA_HOME");
      builder.environment().put("ASKPAGE_DATA_DIR", "/somewhere/else");
      Process process = builder.start();
      List<String> env = new String(process.getInputStream().readAllBytes()).lines().toList();
      assertEquals(0, process.waitFor());
      launcher.environment().forEach((k, v) -> assertTrue(env.contains(k + "=" + v), k + " in " + env));
      assertTrue(env.contains("ASKPAGE_DATA_DIR=" + temp), "the install's data folder: " + env);
    }
    assertEquals(runtime.resolve("tmp").toString(), launcher.environment().get("TMPDIR"));
    assertEquals(temp.toString(), launcher.environment().get("ASKPAGE_DATA_DIR"));
  }

  @Test
  void hostScriptRunsTheHostCommand() throws Exception {
    // The script's java command is hostCommand's, with the archive option when the archive exists.
    Path runtime = temp.resolve("run time");
    Path javaHome = Files.createDirectories(runtime.resolve("image/bin")).getParent();
    Path java = Files.writeString(javaHome.resolve("bin/java"),
        "#!/bin/sh\necho \"$0\"\nfor a in \"$@\"; do echo \"$a\"; done\n");
    FileOps.setMode(java, FileOps.EXEC_MODE);
    Launcher launcher = new Launcher(Os.LINUX, runtime, javaHome, List.of("askpage.jar", "lib/a b.jar"));
    Path script = Files.createDirectories(runtime.resolve("bin")).resolve("askpage-host");
    Files.writeString(script, launcher.hostScript());
    FileOps.setMode(script, FileOps.EXEC_MODE);
    Files.writeString(launcher.cdsArchive(), "x");
    Process process = new ProcessBuilder(script.toString()).start();
    List<String> command = new String(process.getInputStream().readAllBytes()).lines().toList();
    assertEquals(0, process.waitFor());
    assertEquals(launcher.hostCommand("-XX:SharedArchiveFile=" + launcher.cdsArchive()), command);
  }

  @Test
  void windowsScriptsPassPercentSignsInThePathThrough() {
    // cmd expands %NAME% inside quotes too: C:\\Users\\100%USERNAME%off must reach java as it is.
    Path runtime = Path.of("C:/Users/100%USERNAME%off/askpage/runtime");
    Launcher launcher = new Launcher(Os.WINDOWS, runtime, runtime.resolve("image"), List.of("askpage.jar"));
    for (String script : List.of(launcher.hostScript(), launcher.cliScript())) {
      assertFalse(script.contains("USERNAME"), "the path is not written:\n" + script);
      BatchScript.Run run = BatchScript.run(script, launcher.hostLauncher(), "", file -> false);
      assertEquals(launcher.environment(), withoutRuntimeVariable(run.env()));
      assertTrue(run.command().contains("-Djava.io.tmpdir=" + launcher.tmpDir()), run.command().toString());
    }
    assertEquals("100%%x%%", Launcher.batch("100%x%"));
    Launcher java = new Launcher(Os.WINDOWS, runtime, Path.of("C:/100%x%/jdk"), List.of("askpage.jar"));
    assertEquals("C:/100%x%/jdk/bin/java.exe",
        BatchScript.run(java.hostScript(), java.hostLauncher(), "", file -> false).command().get(0));
  }

  @Test
  void theJvmsOwnMessagesGoToStderr() {
    Launcher launcher = new Launcher(Os.LINUX, Path.of("/r"), Path.of("/r/image"), List.of("askpage.jar"));
    assertTrue(launcher.hostCommand("-Xshare:auto").contains("-XX:+DisplayVMOutputToStderr"));
  }

  @Test
  void theHostRunsWithTheSmallHeapAndC1Only() {
    Launcher launcher = new Launcher(Os.LINUX, Path.of("/r"), Path.of("/r/image"), List.of("askpage.jar"));
    List<String> command = launcher.hostCommand("-Xshare:auto");
    assertTrue(command.containsAll(Launcher.HOST_HEAP_OPTIONS), command.toString());
    assertTrue(command.contains("-XX:TieredStopAtLevel=1"), command.toString());
  }

  @Test
  void pathsTheClassPathCannotTakeGoThroughTheBootstrapJar() {
    Launcher plain = new Launcher(Os.LINUX, Path.of("/home/é/r"), Path.of("/home/é/r/image"), List.of("askpage.jar"));
    assertFalse(plain.bootstrapped());
    Launcher emoji = new Launcher(Os.LINUX, Path.of("/home/a\uD83D\uDE00/r"), Path.of("/j"), List.of("askpage.jar"));
    assertTrue(emoji.bootstrapped());
    assertFalse(emoji.startsInsideRuntime());
    List<String> command = emoji.hostCommand("-Xshare:auto");
    assertFalse(command.contains("-cp"), command.toString());
    int boot = command.indexOf("-m");
    assertEquals(List.of(Launcher.BOOT_MODULE + "/dev.askpage.installer.boot.ClassPathBoot",
        "/home/a\uD83D\uDE00/r/app/askpage.jar", "--", Launcher.MAIN_CLASS, "host"),
        command.subList(boot + 1, command.size()));
    Launcher colon = new Launcher(Os.LINUX, Path.of("/home/a:b/r"), Path.of("/j"), List.of("askpage.jar"));
    assertTrue(colon.bootstrapped() && colon.startsInsideRuntime());
    assertTrue(colon.hostCommand("-Xshare:auto").contains("app/askpage.jar"), "relative to the runtime folder");
    assertTrue(colon.hostScript().contains("cd '/home/a:b/r' || exit 1\n"), colon.hostScript());
  }
}
