package dev.askpage.release;

import dev.askpage.installer.install.FileOps;
import dev.askpage.models.ModelDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Builds the release archives of one built clone into one folder:
 * <ul>
 *   <li>{@code askpage-V-linux-x64.tar.gz}: a jlink runtime ({@code runtime/}, see {@link RuntimeImage}), the jars
 *       ({@code app/}, ONNX Runtime with its linux-x64 natives only), the built extension, {@code install.sh},
 *       {@code uninstall.sh};
 *   <li>{@code askpage-V-portable.zip}: the jars with every platform's natives, {@code app/runtime-modules} (the
 *       modules {@code install.sh}/{@code install.ps1} give jlink from the user's JDK), the built extension, the
 *       scripts;
 *   <li>{@code SHA256SUMS} of both, in {@code sha256sum -c} format.
 * </ul>
 * Both hold README.md, LICENSE and THIRD-PARTY-NOTICES.md, which must name every jar of {@code app/lib} with its
 * version.
 * Run by the {@code release} module at {@code package}: {@code mvn -B package -Prelease}.
 */
public final class ReleaseBuilder {
  static final String LINUX_X64 = "linux-x64";
  private static final Pattern MODULES = Pattern.compile("(?m)^MODULES=\"([^\"]*)\"");
  private static final Pattern VERSIONED_JAR = Pattern.compile("(.+)-(\\d[^-]*(?:-[A-Za-z0-9.]+)?)\\.jar");

  private final ReleaseInputs in;

  /** A builder of the release of {@code in}. */
  public ReleaseBuilder(ReleaseInputs in) {
    this.in = in;
  }

  /** Usage: {@code --root CLONE --version V --timestamp ISO-INSTANT [--out DIR]} (default: release/target/release). */
  public static void main(String[] args) throws IOException, ReleaseException {
    Path root = null;
    String version = null;
    String timestamp = null;
    Path out = null;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--root" -> root = Path.of(args[i + 1]).toAbsolutePath().normalize();
        case "--version" -> version = args[i + 1];
        case "--timestamp" -> timestamp = args[i + 1];
        case "--out" -> out = Path.of(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (root == null || version == null || timestamp == null) {
      throw new IllegalArgumentException("usage: --root CLONE --version V --timestamp ISO-INSTANT [--out DIR]");
    }
    Instant time;
    try {
      time = Instant.parse(timestamp);
    } catch (DateTimeParseException e) {
      throw new ReleaseException("--timestamp " + timestamp + " is not an ISO-8601 instant such as "
          + "2026-01-01T00:00:00Z (set project.build.outputTimestamp in the root pom.xml)");
    }
    ReleaseInputs inputs = new ReleaseInputs(root, version, time);
    for (Path archive : new ReleaseBuilder(inputs).build(out != null ? out : root.resolve("release/target/release"))) {
      System.out.println("release   " + archive);
    }
  }

  /** Writes both archives and SHA256SUMS into {@code out} (replacing them); returns the three files. */
  public List<Path> build(Path out) throws IOException, ReleaseException {
    checkInputs();
    Files.createDirectories(out);
    Path work = Files.createTempDirectory(out, ".work-");
    try {
      Path linux = out.resolve("askpage-" + in.version() + "-" + LINUX_X64 + ".tar.gz");
      linuxArchive(work).writeTarGz(linux, in.timestamp());
      Path portable = out.resolve("askpage-" + in.version() + "-portable.zip");
      portableArchive().writeZip(portable, in.timestamp());
      Path sums = out.resolve("SHA256SUMS");
      Files.writeString(sums, sha256Line(linux) + sha256Line(portable), StandardCharsets.UTF_8);
      return List.of(linux, portable, sums);
    } finally {
      FileOps.deleteTree(work);
    }
  }

  Archive linuxArchive(Path work) throws IOException, ReleaseException {
    Archive archive = common();
    String folder = in.folder();
    for (Path lib : libs()) {
      String name = lib.getFileName().toString();
      if (OnnxRuntimeJar.is(name)) {
        Path stripped = work.resolve(name);
        OnnxRuntimeJar.keepOnly(lib, LINUX_X64, stripped, in.timestamp());
        archive.addFile(folder + "app/lib/" + name, stripped, Archive.FILE);
      } else {
        archive.addFile(folder + "app/lib/" + name, lib, Archive.FILE);
      }
    }
    Path runtime = work.resolve("runtime");
    RuntimeImage.link(runtimeModules(), runtime);
    archive.addTree(folder + "runtime", runtime);
    return archive;
  }

  Archive portableArchive() throws IOException, ReleaseException {
    Archive archive = common();
    String folder = in.folder();
    for (Path lib : libs()) {
      archive.addFile(folder + "app/lib/" + lib.getFileName(), lib, Archive.FILE);
    }
    archive.addBytes(folder + "app/runtime-modules", (runtimeModules() + "\n").getBytes(StandardCharsets.UTF_8),
        Archive.FILE);
    archive.addFile(folder + "install.ps1", in.installerScripts().resolve("install.ps1"), Archive.FILE);
    archive.addFile(folder + "uninstall.ps1", in.archiveFiles().resolve("uninstall.ps1"), Archive.FILE);
    return archive;
  }

  /** What both archives hold: scripts, texts, askpage.jar and the built extension. */
  private Archive common() throws IOException {
    Archive archive = new Archive();
    String folder = in.folder();
    archive.addFile(folder + "install.sh", in.installerScripts().resolve("install.sh"), Archive.EXECUTABLE);
    archive.addFile(folder + "uninstall.sh", in.archiveFiles().resolve("uninstall.sh"), Archive.EXECUTABLE);
    archive.addFile(folder + "README.md", in.archiveFiles().resolve("README.md"), Archive.FILE);
    archive.addFile(folder + "THIRD-PARTY-NOTICES.md", in.archiveFiles().resolve("THIRD-PARTY-NOTICES.md"),
        Archive.FILE);
    archive.addFile(folder + "LICENSE", in.root().resolve("LICENSE"), Archive.FILE);
    archive.addTree(folder + "licenses", in.archiveFiles().resolve("licenses"));
    archive.addFile(folder + "app/askpage.jar", in.app().resolve("askpage.jar"), Archive.FILE);
    Path extension = in.extension();
    archive.addTree(folder + "extension/chrome", extension.resolve("chrome"));
    archive.addTree(folder + "extension/firefox", extension.resolve("firefox"));
    archive.addFile(folder + "extension/askpage-chrome.zip", extension.resolve("askpage-chrome.zip"), Archive.FILE);
    archive.addFile(folder + "extension/askpage-firefox.xpi", extension.resolve("askpage-firefox.xpi"), Archive.FILE);
    return archive;
  }

  /** The application's dependency jars, sorted. */
  private List<Path> libs() throws IOException {
    try (Stream<Path> list = Files.list(in.app().resolve("lib"))) {
      return list.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
    }
  }

  /** The jlink image's modules (its {@code release} file), comma-separated as jlink's --add-modules takes them. */
  String runtimeModules() throws IOException, ReleaseException {
    Matcher m = MODULES.matcher(Files.readString(in.image().resolve("release")));
    if (!m.find()) {
      throw new ReleaseException(in.image().resolve("release") + " has no MODULES line");
    }
    return String.join(",", m.group(1).trim().split("\\s+"));
  }

  /** Fails with one sentence when a part is missing or the notices miss a bundled jar. */
  void checkInputs() throws IOException, ReleaseException {
    List<String> missing = new ArrayList<>();
    for (Path p : List.of(in.app().resolve("askpage.jar"), in.app().resolve("lib"), in.image().resolve("release"),
        in.extension().resolve("askpage-firefox.xpi"), in.root().resolve("LICENSE"),
        in.archiveFiles().resolve("THIRD-PARTY-NOTICES.md"))) {
      if (!Files.exists(p)) {
        missing.add(p.toString());
      }
    }
    if (!missing.isEmpty()) {
      throw new ReleaseException("cannot build the release archives, missing: " + String.join(", ", missing)
          + " (build with mvn -B package -Prelease from the root, with Node.js installed)");
    }
    String notices = Files.readString(in.archiveFiles().resolve("THIRD-PARTY-NOTICES.md"));
    List<String> unnamed = new ArrayList<>();
    for (Path lib : libs()) {
      Matcher m = VERSIONED_JAR.matcher(lib.getFileName().toString());
      if (m.matches() && !m.group(1).startsWith("askpage-")
          && !(notices.contains(m.group(1)) && notices.contains(m.group(2)))) {
        unnamed.add(lib.getFileName().toString());
      }
    }
    if (!unnamed.isEmpty()) {
      throw new ReleaseException("THIRD-PARTY-NOTICES.md does not name " + String.join(", ", unnamed)
          + " with its version: add its licence there before releasing it");
    }
  }

  static String sha256Line(Path file) throws IOException {
    return ModelDirectory.sha256(file) + "  " + file.getFileName() + "\n";
  }
}
