package dev.askpage.installer.runtime;

import dev.askpage.installer.boot.ClassPathBoot;
import dev.askpage.installer.platform.Os;
import dev.askpage.installer.platform.UserDirs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The installed runtime's layout and the launcher scripts written into it: {@code bin/askpage-host} (the manifests'
 * {@code path}; {@code askpage-host.bat} on Windows) and {@code bin/askpage} (the CLI).
 *
 * <pre>
 * runtime/image/    the jlink image (bin/java, lib/modules, lib/server/classes.jsa)
 * runtime/app/      askpage.jar and lib/*.jar, ONNX Runtime without its native folders
 * runtime/native/   this platform's ONNX Runtime libraries (-Donnxruntime.native.path)
 * runtime/app.jsa   the application CDS archive, made at install time
 * runtime/tmp/      the JVM's and ONNX Runtime's temporary files (java.io.tmpdir, TMPDIR)
 * runtime/bin/      the launchers
 * </pre>
 *
 * <p>The JVM options were chosen by timing the host as a browser starts it (see the runtime image's commit):
 * the application CDS archive saves ~70 ms to {@code hello} (~310 ms with it, ~380 ms without, ~430 ms with
 * {@code -Xshare:off}); {@code -XX:+UseSerialGC} is one small heap for a one-user process; C1 only: see
 * {@link #HOST_JIT_OPTIONS}.
 * {@code -XX:-UsePerfData} stops a {@code /tmp/hsperfdata_USER/PID} file at every start. ONNX Runtime 1.29 makes an
 * empty {@code onnxruntime-java*} folder in {@code java.io.tmpdir} at each start and removes it only at a normal JVM
 * exit (the host halts): it goes to {@code runtime/tmp}, and the host launcher removes such leftovers older than a
 * minute before it starts the JVM. {@code ORT_DISABLE_TELEMETRY=1}: otherwise ONNX Runtime's telemetry writes a device
 * id into {@code ~/.cache/Microsoft/DeveloperTools/.onnxruntime} and {@code mat-debug-PID.log} into {@code $TMPDIR}.
 */
public record Launcher(Os os, Path runtimeDir, Path javaHome, List<String> classPath) {
  /**
   * Heap and collector of the host: a serial collector and a small initial heap (peak RSS over 120 whole-article
   * questions 281 MiB instead of 406, BENCHMARKS.md); the cap leaves room for a 64 MiB frame decoded to a string.
   * The benchmark starts its hosts with these too.
   */
  public static final List<String> HOST_HEAP_OPTIONS = List.of("-XX:+UseSerialGC", "-Xms16m", "-Xmx1g");

  /**
   * The host's JIT: C1 only. The Java part of a question takes a few milliseconds (ranking, planning, decoding, the
   * reply); C2 bought nothing there, but its compiles kept coming for hundreds of questions, up to ~200 ms of a core
   * each (Gson's reply writer, the ranking's sort), and on two cores they land inside an answer's inference. A
   * partial reply is written mid-question, so its compiles fell inside the rest of the budget (BENCHMARKS.md).
   */
  public static final List<String> HOST_JIT_OPTIONS = List.of("-XX:TieredStopAtLevel=1");

  /** Environment tuning of the host: fewer glibc malloc arenas (ONNX Runtime's threads otherwise each grow one). */
  public static final java.util.Map<String, String> HOST_TUNING_ENV = java.util.Map.of("MALLOC_ARENA_MAX", "2");

  /** The main class of {@code askpage.jar}. */
  public static final String MAIN_CLASS = "dev.askpage.cli.Main";

  /** The jar (in {@code runtime/app}) holding only {@link ClassPathBoot}, for paths the class path cannot take. */
  public static final String BOOT_JAR = "askpage-boot.jar";

  /** The module name of {@link #BOOT_JAR} on the module path. */
  public static final String BOOT_MODULE = "dev.askpage.boot";

  private static final List<String> HOST_ARGUMENTS = List.of("host");

  /** The Windows scripts' variable holding the runtime folder, found from the script's own path. */
  static final String RUNTIME_VARIABLE = "ASKPAGE_RUNTIME";

  /** Why the launchers set {@link #environment()}, written above those lines in each script. */
  private static final String ENVIRONMENT_COMMENT = """
      TMPDIR: the JVM's and ONNX Runtime's temporary files. ORT_DISABLE_TELEMETRY: without it ONNX Runtime keeps a
      device id in ~/.cache/Microsoft and a log in TMPDIR. MALLOC_ARENA_MAX: fewer glibc malloc arenas (ONNX Runtime's
      threads otherwise each grow one, raising peak memory). ASKPAGE_DATA_DIR: the data folder this install used (its
      models), which the environment a browser starts the host in may not name (XDG_DATA_HOME).""";

  /** A launcher with a copy of its class path (file names relative to {@code runtime/app}). */
  public Launcher {
    classPath = List.copyOf(classPath);
  }

  /** The host launcher, the manifests' {@code path}. */
  public Path hostLauncher() {
    return runtimeDir.resolve("bin").resolve(os == Os.WINDOWS ? "askpage-host.bat" : "askpage-host");
  }

  /** The CLI launcher ({@code askpage model install}, {@code askpage doctor}). */
  public Path cliLauncher() {
    return runtimeDir.resolve("bin").resolve(os == Os.WINDOWS ? "askpage.bat" : "askpage");
  }

  /** The application class-data archive. */
  public Path cdsArchive() {
    return runtimeDir.resolve("app.jsa");
  }

  /** Where this platform's ONNX Runtime libraries are. */
  public Path nativeDir() {
    return runtimeDir.resolve("native");
  }

  /** The JVM's and ONNX Runtime's temporary folder. */
  public Path tmpDir() {
    return runtimeDir.resolve("tmp");
  }

  /** The data folder of this install: the runtime folder's parent, where the models are. */
  public Path dataDir() {
    return runtimeDir.getParent();
  }

  /** The environment the JVM gets on top of the caller's. */
  public java.util.Map<String, String> environment() {
    return environment(Path::toString);
  }

  /** {@link #environment()} with its paths as {@code name} writes them. */
  private java.util.Map<String, String> environment(Function<Path, String> name) {
    java.util.Map<String, String> env = new java.util.HashMap<>(HOST_TUNING_ENV);
    env.put("TMPDIR", name.apply(tmpDir()));
    env.put("ORT_DISABLE_TELEMETRY", "1");
    env.put(UserDirs.DATA_DIR_ENV, name.apply(dataDir()));
    return java.util.Map.copyOf(env);
  }

  /** The image's java. */
  public Path java() {
    return javaHome.resolve("bin").resolve(os == Os.WINDOWS ? "java.exe" : "java");
  }

  /** The JVM options every start uses (after any CDS option). */
  public List<String> jvmOptions() {
    return jvmOptions(Path::toString);
  }

  /** {@link #jvmOptions()} with its paths as {@code name} writes them. */
  private List<String> jvmOptions(Function<Path, String> name) {
    List<String> options = new ArrayList<>(List.of("-XX:+DisplayVMOutputToStderr")); // the VM's own messages too
    options.addAll(HOST_HEAP_OPTIONS);
    options.addAll(HOST_JIT_OPTIONS);
    options.addAll(List.of("-XX:-UsePerfData", "-Xshare:auto",
        // JVM warnings (e.g. a CDS archive that no longer maps) must never reach stdout, the browser's channel.
        "-Xlog:disable", "-Xlog:all=warning:stderr",
        "-Djava.io.tmpdir=" + name.apply(tmpDir()),
        "-Donnxruntime.native.path=" + name.apply(nativeDir())));
    return List.copyOf(options);
  }

  /** The class path as one string, absolute. */
  public String classPathString() {
    return classPathString(Path::toString);
  }

  private String classPathString(Function<Path, String> name) {
    return String.join(JvmPaths.separator(os), classPathEntries(name));
  }

  /** Why the jars in {@code runtime/app} cannot go on the class path ({@link JvmPaths#classPathProblem}), or empty. */
  public Optional<String> classPathProblem() {
    return JvmPaths.classPathProblem(runtimeDir.resolve("app"), os);
  }

  /**
   * Whether the jars are loaded by {@link ClassPathBoot} instead of the class path, because the runtime's path is one
   * the class path cannot take ({@link #classPathProblem}); there is then no class-data archive.
   */
  public boolean bootstrapped() {
    return classPathProblem().isPresent();
  }

  /**
   * Whether the launcher changes into the runtime folder and names its files relative to it: when the folder's path
   * has the path separator, no absolute path of it can go on a module or class path.
   */
  public boolean startsInsideRuntime() {
    return JvmPaths.jvmProblem(runtimeDir, os).isPresent();
  }

  /** The jars, absolute (relative to the runtime folder when the launcher starts inside it). */
  private List<String> classPathEntries(Function<Path, String> name) {
    List<String> entries = new ArrayList<>();
    for (String entry : classPath) {
      entries.add(runtimeFile("app/" + entry, name));
    }
    return entries;
  }

  private String runtimeFile(String relative, Function<Path, String> name) {
    return startsInsideRuntime() ? Path.of(relative).toString() : name.apply(runtimeDir.resolve(relative));
  }

  /** The command that starts the host with {@code cdsOption} (e.g. {@code -XX:ArchiveClassesAtExit=...}). */
  public List<String> hostCommand(String cdsOption) {
    return javaCommand(List.of(cdsOption), HOST_ARGUMENTS, Path::toString);
  }

  /**
   * java, {@code cdsOptions}, the JVM options, the class path, the main class, then {@code arguments}; every path as
   * {@code name} writes it (absolute for a process started from Java, through variables in a Windows script).
   */
  private List<String> javaCommand(List<String> cdsOptions, List<String> arguments, Function<Path, String> name) {
    List<String> command = new ArrayList<>();
    command.add(name.apply(java()));
    command.addAll(cdsOptions);
    command.addAll(jvmOptions(name));
    if (bootstrapped()) {
      // ALL-DEFAULT: the modules a class path application sees (the jars use jdk.unsupported, java.net.http...).
      command.addAll(List.of("--add-modules", "ALL-DEFAULT", "-p", runtimeFile("app/" + BOOT_JAR, name),
          "-m", BOOT_MODULE + "/" + ClassPathBoot.class.getName()));
      command.addAll(classPathEntries(name));
      command.add("--");
    } else {
      command.add("-cp");
      command.add(classPathString(name));
    }
    command.add(MAIN_CLASS);
    command.addAll(arguments);
    return command;
  }

  /** The text of the host launcher script. */
  public String hostScript() {
    return os == Os.WINDOWS ? windowsScript(true) : posixScript(true);
  }

  /** The text of the CLI launcher script. */
  public String cliScript() {
    return os == Os.WINDOWS ? windowsScript(false) : posixScript(false);
  }

  private String posixScript(boolean host) {
    StringBuilder s = new StringBuilder("#!/bin/sh\n");
    s.append(host
        ? "# askpage native messaging host, written by `askpage install`. Browsers start it with their own arguments\n"
            + "# (the extension's origin; Firefox also the manifest path). stdout carries frames only.\n"
        : "# askpage command line (model install, doctor, uninstall), written by `askpage install`.\n");
    s.append(ENVIRONMENT_COMMENT.replaceAll("(?m)^", "# ")).append('\n');
    new TreeMap<>(environment()).forEach((k, v) -> s.append(k).append('=').append(quote(v)).append("; export ")
        .append(k).append('\n'));
    if (os == Os.LINUX) {
      s.append("# Java decodes file names with the locale's charset: under C/POSIX a non-ASCII path is unusable.\n");
      s.append("case \"${LC_ALL:-${LC_CTYPE:-${LANG:-}}}\" in *[Uu][Tt][Ff]-8*|*[Uu][Tt][Ff]8*) ;; "
          + "*) LC_ALL=C.UTF-8; export LC_ALL ;; esac\n");
    }
    if (startsInsideRuntime()) {
      s.append("# The runtime's path has ':', which no JVM path option can hold: files are named relative to it.\n");
      s.append("cd ").append(quote(runtimeDir.toString())).append(" || exit 1\n");
    }
    if (host) {
      s.append("# ONNX Runtime's leftovers from earlier starts (empty; a minute old, so never a running host's).\n");
      s.append("find \"$TMPDIR\" -maxdepth 1 \\( -name 'onnxruntime-java*' -type d -o -name 'mat-debug-*.log' -type f \\)"
          + " -empty -mmin +1 -delete 2>/dev/null\n");
      if (!bootstrapped()) {
        s.append("if [ -f ").append(quote(cdsArchive().toString())).append(" ]; then\n");
        s.append("  exec ").append(posixCommand(javaCommand(List.of(sharedArchiveOption(Path::toString)), HOST_ARGUMENTS,
            Path::toString)));
        s.append("fi\n");
      }
      s.append("exec ").append(posixCommand(javaCommand(List.of(), HOST_ARGUMENTS, Path::toString)));
    } else {
      s.append("exec ").append(posixCommand(javaCommand(List.of(), List.of(), Path::toString)));
    }
    return s.toString();
  }

  /**
   * The batch script. cmd.exe reads a batch file in the console's OEM code page, so a UTF-8 path such as
   * {@code C:\Users\José} would reach Java garbled: the script writes no path of the install and names every file
   * from its own folder, {@code %~dp0}, which cmd takes from the Unicode command line ({@link #scriptProblem}).
   */
  private String windowsScript(boolean host) {
    Function<Path, String> name = this::windowsName;
    StringBuilder s = new StringBuilder("@echo off\r\n");
    s.append(host ? "rem askpage native messaging host, written by askpage install.\r\n"
        : "rem askpage command line, written by askpage install.\r\n");
    s.append("setlocal\r\n");
    s.append("rem The runtime folder is this script's folder's parent, the data folder its parent: found from %~dp0,\r\n"
        + "rem not written here, as cmd reads this file in the OEM code page (think of a non-ASCII user folder).\r\n");
    s.append("for %%I in (\"%~dp0..\") do set \"").append(RUNTIME_VARIABLE).append("=%%~fI\"\r\n");
    s.append(ENVIRONMENT_COMMENT.replaceAll("(?m)^", "rem ").replace("\n", "\r\n")).append("\r\n");
    s.append("for %%I in (\"%~dp0..\\..\") do set \"").append(UserDirs.DATA_DIR_ENV).append("=%%~fI\"\r\n");
    java.util.Map<String, String> env = new TreeMap<>(environment(name));
    env.remove(UserDirs.DATA_DIR_ENV);
    env.forEach((k, v) -> s.append("set \"").append(k).append('=').append(v).append("\"\r\n"));
    if (startsInsideRuntime()) {
      s.append("cd /d \"%").append(RUNTIME_VARIABLE).append("%\" || exit /b 1\r\n");
    }
    if (host && bootstrapped()) {
      s.append(windowsCommand(javaCommand(List.of(), HOST_ARGUMENTS, name)));
    } else if (host) {
      s.append("if exist \"").append(name.apply(cdsArchive())).append("\" (\r\n");
      s.append("  ").append(windowsCommand(javaCommand(List.of(sharedArchiveOption(name)), HOST_ARGUMENTS, name)));
      s.append(") else (\r\n");
      s.append("  ").append(windowsCommand(javaCommand(List.of(), HOST_ARGUMENTS, name)));
      s.append(")\r\n");
    } else {
      s.append(windowsCommand(javaCommand(List.of(), List.of(), name)));
    }
    return s.toString();
  }

  /**
   * {@code path} as the batch script names it: inside the runtime folder through {@link #RUNTIME_VARIABLE}; outside
   * it (the Java doing the install, when the runtime has none of its own) as it is when that is ASCII, else relative
   * to the runtime folder (say {@code ..\..\..\.jdks\jdk-17} for a JDK in the same non-ASCII user folder). A literal
   * {@code %} is doubled: cmd expands {@code %NAME%} even inside quotes.
   */
  private String windowsName(Path path) {
    boolean sameRoot = java.util.Objects.equals(path.getRoot(), runtimeDir.getRoot()); // else no relative path
    if (!path.startsWith(runtimeDir) && (isAscii(path.toString()) || !sameRoot)) {
      return batch(path.toString());
    }
    StringBuilder name = new StringBuilder("%").append(RUNTIME_VARIABLE).append('%');
    for (Path part : runtimeDir.relativize(path)) {
      name.append('\\').append(batch(part.toString()));
    }
    return name.toString();
  }

  /**
   * Why the Windows scripts could not name their files, or empty: a file outside the runtime folder (the Java doing
   * the install) whose path has non-ASCII characters even relative to the runtime folder.
   */
  public Optional<String> scriptProblem() {
    if (os != Os.WINDOWS || (isAscii(hostScript()) && isAscii(cliScript()))) {
      return Optional.empty();
    }
    return Optional.of("a batch file cannot name " + java() + " (cmd.exe reads batch files in the OEM code page): "
        + "install with a Java whose path has ASCII characters only");
  }

  private static boolean isAscii(String text) {
    return text.chars().allMatch(c -> c < 0x80);
  }

  private String sharedArchiveOption(Function<Path, String> name) {
    return "-XX:SharedArchiveFile=" + name.apply(cdsArchive());
  }

  /** {@code command} with each word quoted, then the script's own arguments. */
  private static String posixCommand(List<String> command) {
    return String.join(" ", command.stream().map(Launcher::quote).toList()) + " \"$@\"\n";
  }

  /**
   * {@code command} (its literal {@code %} already doubled) with each word that needs it in double quotes, then the
   * script's own arguments.
   */
  private static String windowsCommand(List<String> command) {
    return String.join(" ", command.stream().map(w -> w.matches("[A-Za-z0-9.-]+") ? w : "\"" + w + "\"")
        .toList()) + " %*\r\n";
  }

  /** {@code value} for a batch file line: {@code %} doubled, else cmd expands {@code %NAME%} even inside quotes. */
  static String batch(String value) {
    return value.replace("%", "%%");
  }

  /** {@code value} in POSIX single quotes, safe for spaces, {@code $}, quotes and back-ticks. */
  static String quote(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }
}
