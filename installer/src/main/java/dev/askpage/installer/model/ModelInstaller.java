package dev.askpage.installer.model;

import dev.askpage.installer.install.FileOps;
import dev.askpage.models.ModelDirectory;
import dev.askpage.models.ModelManifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Installs a model into {@code <models>/<id>/}: downloads (or copies) each file, checks its SHA-256 against
 * the pin (recording the hash where the catalog has none yet), checks the ONNX graph's inputs and outputs against the
 * spec's {@code model.json}, writes that {@code model.json} (the models module's format, with {@code model.onnx}'s
 * SHA-256) and checks the folder with {@link ModelDirectory#read}, and moves the finished folder into place in one rename. Partial downloads stay in
 * {@code <models>/.partial/<id>/} so that the next run resumes them; the host never sees a half-written model.
 */
public final class ModelInstaller {
  private final Path modelsDir;
  private final Downloader downloader;
  private final ProgressListener progress;

  /** An installer writing into {@code modelsDir}. */
  public ModelInstaller(Path modelsDir, Downloader downloader, ProgressListener progress) {
    this.modelsDir = modelsDir;
    this.downloader = downloader;
    this.progress = progress;
  }

  /** Where {@code spec} is (or will be) installed. */
  public Path target(ModelSpec spec) {
    return modelsDir.resolve(spec.id());
  }

  /**
   * Downloads and installs {@code spec}.
   *
   * @throws OfflineException when the server cannot be reached; nothing changes
   * @throws VerificationException when a file does not match its pin; the bad file is deleted, nothing changes
   */
  public Path download(ModelSpec spec) throws IOException, ModelInstallException, InterruptedException {
    Path partial = modelsDir.resolve(".partial").resolve(spec.id());
    Files.createDirectories(partial);
    Map<String, Path> files = new LinkedHashMap<>();
    try {
      for (ModelSpec.FileSpec file : spec.files()) {
        Path part = partial.resolve(file.name() + ".part");
        downloader.download(file.url(), part, file.name(), progress);
        files.put(file.name(), part);
      }
    } catch (OfflineException e) {
      // Nothing came: leave no empty folders behind (a .part with bytes in it stays, to be resumed).
      if (FileOps.deleteIfEmpty(partial) && FileOps.deleteIfEmpty(modelsDir.resolve(".partial"))) {
        FileOps.deleteIfEmpty(modelsDir);
      }
      throw e;
    }
    Path installed = install(spec, files, "download");
    FileOps.deleteTree(partial);
    FileOps.deleteIfEmpty(modelsDir.resolve(".partial"));
    return installed;
  }

  /** Installs {@code spec} from a local folder holding its files. */
  public Path copyFrom(ModelSpec spec, Path dir) throws IOException, ModelInstallException {
    Map<String, Path> files = new LinkedHashMap<>();
    for (ModelSpec.FileSpec file : spec.files()) {
      Path source = dir.resolve(file.name());
      if (!Files.isRegularFile(source)) {
        throw new ModelInstallException(dir + " has no " + file.name());
      }
      files.put(file.name(), source);
    }
    return install(spec, files, dir.toAbsolutePath().toString());
  }

  /** Installs {@code spec} from its ONNX file, with the vocabulary taken from the same folder. */
  public Path copyFromOnnx(ModelSpec spec, Path onnx) throws IOException, ModelInstallException {
    Map<String, Path> files = new LinkedHashMap<>();
    for (ModelSpec.FileSpec file : spec.files()) {
      Path source = file.name().equals(ModelDirectory.MODEL_FILE) ? onnx : onnx.toAbsolutePath().resolveSibling(file.name());
      if (!Files.isRegularFile(source)) {
        throw new ModelInstallException("no " + file.name() + " beside " + onnx + "; use --model-dir with a folder "
            + "holding " + String.join(", ", spec.files().stream().map(ModelSpec.FileSpec::name).toList()));
      }
      files.put(file.name(), source);
    }
    return install(spec, files, onnx.toAbsolutePath().toString());
  }

  private Path install(ModelSpec spec, Map<String, Path> sources, String origin)
      throws IOException, ModelInstallException {
    Files.createDirectories(modelsDir);
    Path staging = Files.createTempDirectory(modelsDir, ".staging-" + spec.id() + "-");
    try {
      String onnxSha256 = null;
      for (ModelSpec.FileSpec file : spec.files()) {
        Path source = sources.get(file.name());
        String sha256 = verify(file, source);
        if (file.name().equals(ModelDirectory.MODEL_FILE)) {
          onnxSha256 = sha256;
        }
        Path copy = staging.resolve(file.name());
        Files.copy(source, copy);
        FileOps.setMode(copy, FileOps.FILE_MODE);
      }
      ModelManifest manifest = ExportCheck.describe(spec.manifest().withFile(onnxSha256, spec.manifest().parameters()),
          staging.resolve(ModelDirectory.MODEL_FILE), origin);
      Files.writeString(staging.resolve(ModelDirectory.MANIFEST_FILE), manifest.toJson(), StandardCharsets.UTF_8);
      FileOps.setMode(staging.resolve(ModelDirectory.MANIFEST_FILE), FileOps.FILE_MODE);
      ModelDirectory.read(staging); // the host's own reader accepts it, or nothing is moved into place
      FileOps.setMode(staging, FileOps.EXEC_MODE);
      return FileOps.replaceDirectory(staging, target(spec));
    } catch (VerificationException e) {
      for (Path source : sources.values()) {
        if (source.getFileName().toString().endsWith(".part")) {
          Files.deleteIfExists(source); // a bad download must not be resumed
        }
      }
      throw e;
    } finally {
      FileOps.deleteTree(staging);
    }
  }

  private static String verify(ModelSpec.FileSpec file, Path source) throws IOException, VerificationException {
    String sha256 = ModelDirectory.sha256(source);
    if (file.sha256() != null && !file.sha256().equalsIgnoreCase(sha256)) {
      throw new VerificationException(file.name() + " has SHA-256 " + sha256 + ", expected " + file.sha256()
          + ": the file is corrupt or not the pinned one");
    }
    return sha256;
  }
}
