package dev.askpage.installer.model;

import dev.askpage.installer.install.FileOps;
import dev.askpage.models.Int8Variants;
import dev.askpage.models.ModelDirectory;
import dev.askpage.models.ModelFormatException;
import dev.askpage.models.ModelManifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Installs a model into {@code <models>/<id>/}: downloads (or copies) each file, checks its SHA-256 against
 * the pin (recording the hash where the catalog has none yet), checks the ONNX graph's inputs and outputs against the
 * spec's {@code model.json} and {@code vocab.txt} with {@link VocabularyCheck} and {@link VocabularySizeCheck}
 * (exactly one token per row of the model's embedding table), writes that {@code model.json} (the models module's
 * format, with {@code model.onnx}'s SHA-256) and checks the folder with {@link ModelDirectory#read},
 * and moves the finished folder into place in one rename (with the replaced model's int8 variant and precision
 * choice carried over). Partial downloads stay in {@code <models>/.partial/<id>/}
 * so that the next run resumes them; the host never sees a half-written model.
 */
public final class ModelInstaller {
  private static final Duration STALE_AFTER = Duration.ofHours(1);
  private final Path modelsDir;
  private final Downloader downloader;
  private final ProgressListener progress;
  private final boolean replace;
  private final Consumer<String> notices;

  /** An installer writing into {@code modelsDir}; a download must match the installed model's pins. */
  public ModelInstaller(Path modelsDir, Downloader downloader, ProgressListener progress) {
    this(modelsDir, downloader, progress, false, notice -> { });
  }

  /**
   * An installer writing into {@code modelsDir}.
   *
   * @param replace whether a download may replace an installed model with different bytes ({@code --replace})
   * @param notices told, one line each, what a replacement changes
   */
  public ModelInstaller(Path modelsDir, Downloader downloader, ProgressListener progress, boolean replace,
      Consumer<String> notices) {
    this.modelsDir = modelsDir;
    this.downloader = downloader;
    this.progress = progress;
    this.replace = replace;
    this.notices = notices;
  }

  /** Where {@code spec} is (or will be) installed. */
  public Path target(ModelSpec spec) {
    return modelsDir.resolve(spec.id());
  }

  /**
   * The installed model, when its files are already {@code spec}'s as far as can be checked: each file there has the
   * SHA-256 recorded at its install ({@code pins.json}) and the one {@code spec} pins (when it pins one), computed
   * from the files themselves, and the folder reads as a model. Then a download would fetch the same bytes again.
   *
   * @return the installed model's {@code model.json} id, or empty when a download is needed (nothing installed, a
   *     file missing, damaged or unrecorded, a record that cannot be read)
   */
  public Optional<String> alreadyInstalled(ModelSpec spec) throws IOException {
    Path dir = target(spec);
    Optional<InstalledPins> pins;
    String id;
    try {
      pins = InstalledPins.read(dir);
      id = pins.isPresent() ? ModelDirectory.read(dir).manifest().id() : null;
    } catch (ModelFormatException e) {
      return Optional.empty();
    }
    if (pins.isEmpty()) {
      return Optional.empty();
    }
    for (ModelSpec.FileSpec file : spec.files()) {
      Path installed = dir.resolve(file.name());
      String recorded = pins.get().sha256().get(file.name());
      if (recorded == null || !Files.isRegularFile(installed)) {
        return Optional.empty();
      }
      String actual = ModelDirectory.sha256(installed);
      if (!actual.equalsIgnoreCase(recorded) || file.sha256() != null && !actual.equalsIgnoreCase(file.sha256())) {
        return Optional.empty();
      }
    }
    try {
      // Installed before these checks existed: a download of the same files would then be refused with the reason.
      int tokens = VocabularyCheck.check(dir.resolve(ModelDirectory.VOCAB_FILE), dir.toString());
      VocabularySizeCheck.check(dir.resolve(ModelDirectory.MODEL_FILE), tokens, dir.toString());
    } catch (VerificationException e) {
      return Optional.empty();
    }
    return Optional.of(id);
  }

  /**
   * Downloads and installs {@code spec}.
   *
   * @throws OfflineException when the server cannot be reached; nothing changes
   * @throws VerificationException when a file does not match its pin, or the installed model is a different one and
   *     replacing was not allowed; the bad file is deleted, nothing changes
   */
  public Path download(ModelSpec spec) throws IOException, ModelInstallException, InterruptedException {
    Path partial = modelsDir.resolve(".partial").resolve(spec.id());
    FileOps.createDirectories(partial, FileOps.DATA_DIR_MODE);
    removeStrayParts(spec, partial);
    Map<String, Path> files = new LinkedHashMap<>();
    boolean installed = false;
    try {
      String repoCommit = null;
      for (ModelSpec.FileSpec file : spec.files()) {
        Path part = partFile(partial, file);
        Downloader.Fetched fetched = downloader.download(file.url(), part, file.name(), file.maxBytes(), progress);
        if (repoCommit != null && fetched.repoCommit() != null && !repoCommit.equals(fetched.repoCommit())) {
          Files.deleteIfExists(part);
          throw new VerificationException(file.name() + " came from repository commit " + fetched.repoCommit()
              + " but the files before it from " + repoCommit + ": the repository changed during the download; "
              + "run the install again");
        }
        repoCommit = repoCommit != null ? repoCommit : fetched.repoCommit();
        files.put(file.name(), part);
      }
      Path target = install(spec, files, spec.files().get(0).url(), repoCommit, true);
      installed = true;
      return target;
    } finally {
      if (installed) {
        FileOps.deleteTree(partial);
      } else {
        removeUnresumableParts(spec, partial); // a .part with bytes in it stays, to be resumed
        FileOps.deleteIfEmpty(partial);
      }
      if (FileOps.deleteIfEmpty(modelsDir.resolve(".partial")) && !installed) {
        FileOps.deleteIfEmpty(modelsDir);
      }
    }
  }

  /** Deletes {@code .part} files in {@code partial} that are not one of {@code spec}'s (e.g. a renamed file). */
  private static void removeStrayParts(ModelSpec spec, Path partial) throws IOException {
    Set<String> expected = new HashSet<>();
    for (ModelSpec.FileSpec f : spec.files()) {
      Path part = partFile(partial, f);
      expected.add(part.getFileName().toString());
      expected.add(Downloader.sourceFile(part).getFileName().toString());
    }
    try (Stream<Path> list = Files.list(partial)) {
      for (Path p : list.toList()) {
        if (!expected.contains(p.getFileName().toString())) {
          FileOps.deleteTree(p);
        }
      }
    }
  }

  /**
   * Deletes each of {@code spec}'s {@code .part} files that holds nothing to resume (empty, or deleted by a failed
   * check) together with its source note, so that a failed run leaves no folder with nothing to resume in it.
   */
  private static void removeUnresumableParts(ModelSpec spec, Path partial) throws IOException {
    for (ModelSpec.FileSpec f : spec.files()) {
      Path part = partFile(partial, f);
      if (Files.notExists(part) || Files.isRegularFile(part) && Files.size(part) == 0) {
        Files.deleteIfExists(part);
        Files.deleteIfExists(Downloader.sourceFile(part));
      }
    }
  }

  private static Path partFile(Path partial, ModelSpec.FileSpec file) {
    return partial.resolve(file.name() + ".part");
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
    return install(spec, files, dir.toAbsolutePath().toString(), null, false);
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
    return install(spec, files, onnx.toAbsolutePath().toString(), null, false);
  }

  /**
   * Verifies {@code sources} and moves the finished model folder into place.
   *
   * @param keepPins whether the installed model's pins must hold (downloads) unless {@link #replace} allows otherwise;
   *     a local copy is the user's explicit choice and only reports what it changes
   */
  private Path install(ModelSpec spec, Map<String, Path> sources, String origin, String repoCommit, boolean keepPins)
      throws IOException, ModelInstallException {
    FileOps.createDirectories(modelsDir, FileOps.DATA_DIR_MODE);
    FileOps.setMode(modelsDir, FileOps.DATA_DIR_MODE); // also when made by an older version under a loose umask
    // Folders an install killed midway left behind (staging copies, the old model being replaced).
    FileOps.deleteStale(modelsDir, ".staging-" + spec.id() + "-", STALE_AFTER);
    FileOps.deleteStale(modelsDir, "." + spec.id() + "-old-", STALE_AFTER);
    Path staging = Files.createTempDirectory(modelsDir, ".staging-" + spec.id() + "-");
    try {
      Map<String, String> hashes = new LinkedHashMap<>();
      for (ModelSpec.FileSpec file : spec.files()) {
        Path source = sources.get(file.name());
        hashes.put(file.name(), verify(file, source));
        Path copy = staging.resolve(file.name());
        Files.copy(source, copy);
        FileOps.setMode(copy, FileOps.FILE_MODE);
      }
      // ModelDirectory.read below only sees that vocab.txt is there: the host must be able to tokenize with it.
      int tokens = VocabularyCheck.check(staging.resolve(ModelDirectory.VOCAB_FILE), origin);
      ModelManifest manifest = ExportCheck.describe(
          spec.manifest().withFile(hashes.get(ModelDirectory.MODEL_FILE), spec.manifest().parameters()),
          staging.resolve(ModelDirectory.MODEL_FILE), origin);
      VocabularySizeCheck.check(staging.resolve(ModelDirectory.MODEL_FILE), tokens, origin);
      writeManifest(staging, manifest);
      ModelDirectory.read(staging); // the host's own reader accepts it, or nothing is moved into place
      InstalledPins pins = new InstalledPins(hashes, repoCommit);
      checkAgainstInstalled(spec, pins, origin, keepPins);
      keepInt8Choice(spec, staging, hashes.get(ModelDirectory.MODEL_FILE));
      pins.write(staging);
      FileOps.setMode(staging.resolve(InstalledPins.FILE), FileOps.FILE_MODE);
      FileOps.setMode(staging, FileOps.DATA_DIR_MODE);
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

  /**
   * Compares {@code pins} with the installed model's: the same model passes; a different one, or any when the
   * installed model's record cannot be read, passes (with a notice of what changes) only for a local copy or with
   * {@code --replace}.
   */
  private void checkAgainstInstalled(ModelSpec spec, InstalledPins pins, String origin, boolean keepPins)
      throws IOException, VerificationException {
    Optional<InstalledPins> installed;
    try {
      installed = InstalledPins.read(target(spec));
    } catch (ModelFormatException e) {
      // Nothing to hold the new files to: as for different files, only a local copy or --replace goes ahead.
      if (keepPins && !replace) {
        throw new VerificationException(e.getMessage());
      }
      notices.accept("replacing the installed model " + target(spec) + ", whose record cannot be read ("
          + e.getMessage() + ")");
      return;
    }
    if (installed.isEmpty()) {
      return;
    }
    List<String> changes = pins.changesFrom(installed.get());
    if (changes.isEmpty()) {
      return;
    }
    if (keepPins && !replace) {
      throw new VerificationException("the files from " + origin + " are not the installed model "
          + target(spec) + " (" + String.join("; ", changes) + "); nothing was changed. If you mean to replace "
          + "the installed model with these files, run the install again with --replace");
    }
    notices.accept("replacing the installed model " + target(spec) + " (" + String.join("; ", changes) + ")");
  }

  /**
   * Carries the installed model's int8 variant and precision choice over to {@code staging}, which replaces it: the
   * variant itself when it was made from the same {@code model.onnx} (a repair, the same files again) and is intact,
   * else one quantized anew from the new file. When none can be made the host runs fp32, and a notice says so.
   */
  private void keepInt8Choice(ModelSpec spec, Path staging, String modelSha256) throws IOException {
    Optional<ModelManifest> installed = installedManifest(target(spec));
    if (installed.isEmpty() || installed.get().int8() == null) {
      return;
    }
    ModelManifest.Int8Variant variant = installed.get().int8();
    String precision = installed.get().precision();
    ModelDirectory fresh = ModelDirectory.read(staging);
    Path installedInt8 = target(spec).resolve(variant.file());
    if (variant.sourceSha256().equalsIgnoreCase(modelSha256) && Files.isRegularFile(installedInt8)
        && ModelDirectory.sha256(installedInt8).equalsIgnoreCase(variant.sha256())) {
      Files.copy(installedInt8, staging.resolve(variant.file()));
      FileOps.setMode(staging.resolve(variant.file()), FileOps.FILE_MODE);
      writeManifest(staging, fresh.manifest().withPrecision(precision, variant));
      notices.accept("kept the int8 variant (made from the same model.onnx); the host runs " + precision);
      return;
    }
    try {
      ModelDirectory quantized = Int8Variants.quantize(fresh, staging).directory(); // in place: precision stays fp32
      Int8Variants.use(quantized, precision);
      FileOps.setMode(staging.resolve(Int8Variants.INT8_FILE), FileOps.FILE_MODE);
      FileOps.setMode(staging.resolve(ModelDirectory.MANIFEST_FILE), FileOps.FILE_MODE);
      notices.accept("made the int8 variant again from the new model.onnx; the host runs " + precision);
    } catch (ModelFormatException e) {
      Files.deleteIfExists(staging.resolve(Int8Variants.INT8_FILE));
      notices.accept("the int8 variant could not be made from the new model.onnx (" + e.getMessage() + "); the host "
          + "runs fp32" + (precision.equals(ModelManifest.INT8) ? " instead of the int8 you chose" : ""));
    }
  }

  /** The installed model's {@code model.json} at {@code dir}, or empty when there is none or it cannot be read. */
  private static Optional<ModelManifest> installedManifest(Path dir) throws IOException {
    Path file = dir.resolve(ModelDirectory.MANIFEST_FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(ModelManifest.parse(dir, Files.readString(file, StandardCharsets.UTF_8)));
    } catch (ModelFormatException | java.nio.charset.MalformedInputException e) {
      return Optional.empty(); // nothing to carry over: the new model runs fp32, as any fresh install
    }
  }

  private static void writeManifest(Path dir, ModelManifest manifest) throws IOException {
    Files.writeString(dir.resolve(ModelDirectory.MANIFEST_FILE), manifest.toJson(), StandardCharsets.UTF_8);
    FileOps.setMode(dir.resolve(ModelDirectory.MANIFEST_FILE), FileOps.FILE_MODE);
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
