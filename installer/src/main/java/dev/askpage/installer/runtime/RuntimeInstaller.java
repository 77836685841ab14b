package dev.askpage.installer.runtime;

import dev.askpage.installer.boot.ClassPathBoot;
import dev.askpage.installer.install.FileOps;
import dev.askpage.installer.install.InstallRecord;
import dev.askpage.installer.platform.Os;
import dev.askpage.installer.platform.Platform;
import dev.askpage.installer.platform.UserDirs;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Installs the runtime into {@link UserDirs#runtimeDir()}: copies the jlink image and the application jars, extracts
 * this platform's ONNX Runtime libraries (and drops every platform's natives from the copied ONNX Runtime jar), writes
 * the launchers, and swaps the finished folder into place. The CDS archives are made afterwards by {@link CdsTrainer}.
 */
public final class RuntimeInstaller {
  private static final String ORT_NATIVE = "ai/onnxruntime/native/";
  private final Platform platform;
  private final UserDirs dirs;

  /** An installer for {@code platform}'s user. */
  public RuntimeInstaller(Platform platform) {
    this.platform = platform;
    this.dirs = UserDirs.of(platform);
  }

  /**
   * Installs {@code image} (a jlink image; {@code null} to use {@code fallbackJavaHome} in place, not copied) and
   * {@code appDir} (holding {@code askpage.jar} and {@code lib/}).
   */
  public Launcher install(Path image, Path fallbackJavaHome, Path appDir, InstallRecord record)
      throws IOException, RuntimeInstallException {
    Path jar = appDir.resolve("askpage.jar");
    if (!Files.isRegularFile(jar)) {
      throw new RuntimeInstallException("no " + jar + ": build it first (mvn -q -B package -DskipTests)");
    }
    Path runtime = dirs.runtimeDir();
    FileOps.createDirectories(runtime.getParent(), record, FileOps.DATA_DIR_MODE);
    Path staging = Files.createTempDirectory(runtime.getParent(), ".runtime-new-");
    try {
      List<String> classPath = copyApp(appDir, staging.resolve("app"), staging.resolve("native"));
      writeBootJar(staging.resolve("app").resolve(Launcher.BOOT_JAR));
      Path javaHome;
      Optional<String> noJvmHere = JvmPaths.jvmProblem(runtime, platform.os());
      if (noJvmHere.isPresent()) {
        // A JVM copied here could not start: run on the Java doing this install, which lives somewhere usable.
        if (fallbackJavaHome == null || JvmPaths.jvmProblem(fallbackJavaHome, platform.os()).isPresent()) {
          throw new RuntimeInstallException("Java cannot run from " + runtime + ": " + noJvmHere.get() + ". Set "
              + "XDG_DATA_HOME (Windows: LOCALAPPDATA) to a folder without it and install again");
        }
        if (image != null && isInside(fallbackJavaHome, image)) {
          // The release archive's install.sh runs the install on a jlink image it made in a temporary folder and
          // deletes on exit: launchers pointing there would stop working the moment the install reports success.
          throw new RuntimeInstallException("Java cannot run from " + runtime + ": " + noJvmHere.get() + ", and the "
              + "Java running this install (" + fallbackJavaHome + ") is the runtime image being installed, which is "
              + "not kept after the install. Set XDG_DATA_HOME (Windows: LOCALAPPDATA) to a folder without it and "
              + "install again");
        }
        javaHome = fallbackJavaHome;
      } else if (image != null) {
        copyTree(image, staging.resolve("image"));
        javaHome = runtime.resolve("image");
      } else {
        javaHome = fallbackJavaHome;
      }
      Launcher launcher = new Launcher(platform.os(), runtime, javaHome, classPath);
      Optional<String> scriptProblem = launcher.scriptProblem();
      if (scriptProblem.isPresent()) {
        throw new RuntimeInstallException(scriptProblem.get());
      }
      Files.createDirectories(staging.resolve("bin"));
      Files.createDirectories(staging.resolve("tmp"));
      writeScript(staging.resolve("bin").resolve(launcher.hostLauncher().getFileName()), launcher.hostScript());
      writeScript(staging.resolve("bin").resolve(launcher.cliLauncher().getFileName()), launcher.cliScript());
      // The copies were made under the caller's umask (the image even keeps its build's modes): set them all.
      FileOps.normalizeModes(staging, FileOps.DIR_MODE);
      FileOps.setMode(staging.resolve("tmp"), FileOps.DATA_DIR_MODE);
      FileOps.replaceDirectory(staging, runtime);
      record.createdDir(runtime);
      return launcher;
    } finally {
      FileOps.deleteTree(staging);
    }
  }

  /** Whether {@code dir} is {@code folder} or inside it, links resolved (either may not exist). */
  private static boolean isInside(Path dir, Path folder) {
    return real(dir).startsWith(real(folder));
  }

  private static Path real(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path.toAbsolutePath().normalize();
    }
  }

  /** Removes the installed runtime; returns whether there was one. */
  public boolean uninstall() throws IOException {
    boolean present = Files.exists(dirs.runtimeDir());
    FileOps.deleteTree(dirs.runtimeDir());
    return present;
  }

  /** The class path entries, {@code askpage.jar} first, relative to {@code app}. */
  private List<String> copyApp(Path appDir, Path app, Path nativeDir) throws IOException, RuntimeInstallException {
    Files.createDirectories(app.resolve("lib"));
    Files.createDirectories(nativeDir);
    List<String> classPath = new ArrayList<>();
    Files.copy(appDir.resolve("askpage.jar"), app.resolve("askpage.jar"));
    classPath.add("askpage.jar");
    List<Path> libs;
    try (Stream<Path> list = Files.list(appDir.resolve("lib"))) {
      libs = list.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
    } catch (java.nio.file.NoSuchFileException e) {
      throw new RuntimeInstallException("no " + appDir.resolve("lib") + " beside askpage.jar: build with mvn package");
    }
    boolean foundNatives = false;
    for (Path lib : libs) {
      String name = lib.getFileName().toString();
      Path copy = app.resolve("lib").resolve(name);
      if (name.startsWith("onnxruntime")) {
        foundNatives |= splitOnnxRuntime(lib, copy, nativeDir);
      } else {
        Files.copy(lib, copy);
      }
      classPath.add("lib/" + name);
    }
    if (!foundNatives && libs.stream().anyMatch(p -> p.getFileName().toString().startsWith("onnxruntime"))) {
      throw new RuntimeInstallException("the ONNX Runtime jar has no native libraries for "
          + platform.onnxRuntimeOsArch() + ": this platform is not supported by ONNX Runtime's Java package");
    }
    return classPath;
  }

  /** Copies the jar without {@code ai/onnxruntime/native/**}; extracts this platform's libraries to {@code nativeDir}. */
  private boolean splitOnnxRuntime(Path jar, Path copy, Path nativeDir) throws IOException {
    String mine = ORT_NATIVE + platform.onnxRuntimeOsArch() + "/";
    boolean found = false;
    try (ZipFile zip = new ZipFile(jar.toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
      for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
        String name = entry.getName();
        if (!name.startsWith(ORT_NATIVE)) {
          out.putNextEntry(new ZipEntry(name));
          try (InputStream in = zip.getInputStream(entry)) {
            in.transferTo(out);
          }
          out.closeEntry();
        } else if (name.startsWith(mine) && !entry.isDirectory() && !name.contains(".dSYM/")
            && name.indexOf('/', mine.length()) < 0) {
          Path target = nativeDir.resolve(name.substring(mine.length()));
          try (InputStream in = zip.getInputStream(entry); OutputStream file = Files.newOutputStream(target)) {
            in.transferTo(file);
          }
          FileOps.setMode(target, FileOps.EXEC_MODE);
          found = true;
        }
      }
    }
    return found;
  }

  /** Writes the jar holding only {@link ClassPathBoot}, named {@link Launcher#BOOT_MODULE} on the module path. */
  private static void writeBootJar(Path jar) throws IOException {
    String entry = ClassPathBoot.class.getName().replace('.', '/') + ".class";
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(new Attributes.Name("Automatic-Module-Name"), Launcher.BOOT_MODULE);
    try (InputStream in = ClassPathBoot.class.getResourceAsStream("/" + entry);
        JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      if (in == null) {
        throw new IOException("the installer's own " + entry + " is missing: rebuild askpage");
      }
      out.putNextEntry(new JarEntry(entry));
      in.transferTo(out);
      out.closeEntry();
    }
  }

  private static void writeScript(Path path, String text) throws IOException {
    FileOps.writeAtomically(path, text.getBytes(StandardCharsets.UTF_8), FileOps.EXEC_MODE);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        Files.createDirectories(to.resolve(from.relativize(dir).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /** Whether {@code image} looks like a Java runtime image ({@code bin/java} and {@code lib/modules}). */
  public static boolean isImage(Path image, Os os) {
    return image != null && Files.isRegularFile(image.resolve("lib").resolve("modules"))
        && Files.isRegularFile(image.resolve("bin").resolve(os == Os.WINDOWS ? "java.exe" : "java"));
  }

  /** Runs {@code <image>/bin/java -Xshare:dump}: the image's default CDS archive, where the image now lives. */
  public static boolean dumpBaseArchive(Launcher launcher) throws IOException {
    Process process = new ProcessBuilder(launcher.java().toString(), "-Xshare:dump")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      boolean dumped = process.waitFor(120, TimeUnit.SECONDS) && process.exitValue() == 0;
      Path server = launcher.javaHome().resolve("lib").resolve("server");
      if (Files.isDirectory(server)) {
        FileOps.normalizeModes(server, FileOps.DIR_MODE); // the archive was written under the caller's umask
      }
      return dumped;
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
