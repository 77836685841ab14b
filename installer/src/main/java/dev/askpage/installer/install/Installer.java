package dev.askpage.installer.install;

import dev.askpage.installer.browser.Browser;
import dev.askpage.installer.browser.BrowserDetector;
import dev.askpage.installer.model.ConsoleProgress;
import dev.askpage.installer.model.Downloader;
import dev.askpage.installer.model.ModelInstallException;
import dev.askpage.installer.model.ModelInstaller;
import dev.askpage.installer.model.ModelSpec;
import dev.askpage.installer.model.OfflineException;
import dev.askpage.installer.platform.Platform;
import dev.askpage.installer.platform.UserDirs;
import dev.askpage.installer.registry.Registry;
import dev.askpage.installer.registry.RegistryException;
import dev.askpage.installer.runtime.CdsTrainer;
import dev.askpage.installer.runtime.Launcher;
import dev.askpage.installer.runtime.RuntimeInstallException;
import dev.askpage.installer.runtime.RuntimeInstaller;
import dev.askpage.models.ModelDirectory;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/** The whole per-user install: runtime, launchers, registration with each browser, model, class-data archive. */
public final class Installer {
  private final Platform platform;
  private final Registry registry;
  private final PrintStream out;
  private final PrintStream err;
  private final boolean replaceModel;

  /** An installer for {@code platform}'s user, reporting on {@code out} (steps) and {@code err} (progress). */
  public Installer(Platform platform, Registry registry, PrintStream out, PrintStream err) {
    this(platform, registry, out, err, false);
  }

  private Installer(Platform platform, Registry registry, PrintStream out, PrintStream err, boolean replaceModel) {
    this.platform = platform;
    this.registry = registry;
    this.out = out;
    this.err = err;
    this.replaceModel = replaceModel;
  }

  /** This installer, letting a download replace an installed model with different files when {@code replace}. */
  public Installer replacingModel(boolean replace) {
    return new Installer(platform, registry, out, err, replace);
  }

  /** Installs; returns the host launcher. A model download that fails is reported, not fatal. */
  public Path install(InstallOptions options)
      throws IOException, RegistryException, RuntimeInstallException, InterruptedException, ModelInstallException {
    UserDirs dirs = UserDirs.of(platform);
    InstallRecord record = InstallRecord.read(dirs.installRecord());
    FileOps.createDirectories(dirs.dataDir(), record, FileOps.DATA_DIR_MODE);
    FileOps.setMode(dirs.dataDir(), FileOps.DATA_DIR_MODE); // also when an earlier install made it under a loose umask
    record.write(dirs.installRecord());

    boolean hasImage = RuntimeInstaller.isImage(options.image(), platform.os());
    Launcher launcher = new RuntimeInstaller(platform).install(hasImage ? options.image() : null, options.javaHome(),
        options.appDir(), record);
    out.println("runtime   " + dirs.runtimeDir() + (hasImage ? "" : " (no jlink image: runs on " + options.javaHome()
        + "; build installer/runtime for a trimmed image)"));
    launcher.classPathProblem().ifPresent(problem -> out.println(
        "          Java cannot load jars from this folder (" + problem + "): the launchers load them through a "
            + "small bootstrap jar on the module path instead"
            + (launcher.startsInsideRuntime() ? ", run the JVM of " + launcher.javaHome() + " from inside the folder "
                + "(give `askpage` absolute paths)" : "")
            + "; there is no class-data archive, so starts are slower. To avoid this, set XDG_DATA_HOME to a folder "
            + "without such characters and install again."));
    boolean ownImage = launcher.javaHome().startsWith(dirs.runtimeDir());
    if (hasImage && ownImage && !RuntimeInstaller.dumpBaseArchive(launcher)) {
      out.println("          the image's default class-data archive could not be made; starts are slower");
    }

    Set<Browser> browsers = options.browsers() != null ? options.browsers() : new BrowserDetector(platform).installed();
    if (browsers.isEmpty()) {
      out.println("browsers  none detected; choose with --browsers chrome,chromium,edge,brave,vivaldi,firefox|all");
    }
    Registrar registrar = new Registrar(platform, registry);
    for (Browser browser : browsers.stream().sorted().toList()) { // in Browser's declaration order
      Path manifest = registrar.register(browser, launcher.hostLauncher(), record);
      out.println(String.format("%-9s %s%s", browser.id(), manifest,
          registrar.registryKey(browser).map(k -> " (registry " + k + ")").orElse("")));
    }
    record.write(dirs.installRecord());

    installModelOrGoOn(options.model(), dirs);

    if (options.trainCds()) {
      out.println("startup   " + CdsTrainer.train(launcher));
    }
    return launcher.hostLauncher();
  }

  /**
   * The model step of {@link #install}: a download that fails for any reason (a server error, a file that fails its
   * pin, a different model without {@code --replace}, a disk that fills up while the files are staged) is reported
   * like offline and the install goes on, so that the class-data archive, the extension build and the doctor still
   * run; an installed model stays as it was (it is replaced in one rename, after everything else). A local copy the
   * user named ({@code --model-dir}, {@code --model-file}) that cannot be installed is still an error.
   */
  private void installModelOrGoOn(InstallOptions.ModelChoice choice, UserDirs dirs)
      throws IOException, InterruptedException, ModelInstallException {
    Path target = dirs.modelDir(ModelSpec.defaultModel().id());
    try {
      installModel(choice, dirs, true);
    } catch (ModelInstallException e) {
      if (choice.kind() != InstallOptions.ModelChoice.Kind.DOWNLOAD) {
        throw e;
      }
      reportNotInstalled(e.getMessage(), target, true);
    } catch (IOException e) {
      if (choice.kind() != InstallOptions.ModelChoice.Kind.DOWNLOAD) {
        throw e;
      }
      reportNotInstalled("cannot write the model into " + dirs.modelsDir() + " (" + describe(e) + ")", target, true);
    }
  }

  /** What went wrong with a file, with the file: a {@link FileSystemException}'s message alone may be just a path. */
  private static String describe(IOException e) {
    if (e instanceof FileSystemException f && f.getReason() == null) {
      return e.getClass().getSimpleName() + ": " + f.getFile();
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  /** Says that the model was not installed, why, what the host does meanwhile and how to try again. */
  private void reportNotInstalled(String why, Path target, boolean duringInstall) {
    out.println("model     NOT INSTALLED: " + why);
    String rest = duringInstall ? "Everything else is installed; " : "";
    if (Files.isDirectory(target)) {
      out.println("          " + rest + "the model already at " + target + " stays as it was.");
      out.println("          To try again: askpage model install");
    } else {
      out.println("          " + rest + "the host answers in lexical mode (the best-matching sentences)");
      out.println("          until `askpage model install` succeeds (or --model-dir DIR with a copy).");
    }
  }

  /**
   * Installs the model as {@code choice} says into the catalog default's folder, where the host looks; returns whether
   * this call installed one. Offline is reported and returns false (the host answers in lexical mode); other failures
   * are thrown ({@code askpage model install} exits 1 with them).
   */
  public boolean installModel(InstallOptions.ModelChoice choice, UserDirs dirs)
      throws IOException, InterruptedException, ModelInstallException {
    return installModel(choice, dirs, false);
  }

  private boolean installModel(InstallOptions.ModelChoice choice, UserDirs dirs, boolean installing)
      throws IOException, InterruptedException, ModelInstallException {
    ModelSpec spec = ModelSpec.defaultModel();
    ModelInstaller models = new ModelInstaller(dirs.modelsDir(), Downloader.standard(), new ConsoleProgress(err),
        replaceModel, notice -> out.println("model     " + notice));
    switch (choice.kind()) {
      case SKIP -> out.println("model     skipped: the host answers in lexical mode until `askpage model install`");
      case LOCAL_DIR -> {
        // A folder with its own model.json (synthetic, oracle, a copy from another machine) keeps that description;
        // one holding only model.onnx and vocab.txt is taken to be the catalog's default model.
        Path dir = choice.path();
        ModelSpec local = Files.isRegularFile(dir.resolve(ModelDirectory.MANIFEST_FILE))
            ? ModelSpec.local(spec.id(), ModelDirectory.read(dir).manifest()) : spec;
        out.println("model     " + models.copyFrom(local, dir) + " (" + local.manifest().id() + ", from " + dir + ")");
      }
      case LOCAL_FILE -> out.println("model     " + models.copyFromOnnx(spec, choice.path()));
      case DOWNLOAD -> {
        ModelSpec source = choice.urlBase() == null ? spec : spec.withUrlBase(choice.urlBase());
        // Re-running the install must not fetch ~99 MB again when the files there are intact (--replace does).
        Optional<String> installed = replaceModel ? Optional.empty() : models.alreadyInstalled(spec);
        if (installed.isPresent() && installed.get().equals(spec.manifest().id())) {
          out.println("model     already installed (" + installed.get() + " at " + models.target(spec)
              + ", its files match the SHA-256 recorded at install); nothing downloaded. To download it again "
              + "anyway: askpage model install --replace");
          return true;
        }
        if (installed.isPresent()) {
          out.println("model     another model is installed (" + installed.get() + " at " + models.target(spec)
              + ", a local copy); nothing downloaded. To replace it with " + spec.manifest().id()
              + ": askpage model install --replace");
          return false;
        }
        out.println("model     downloading " + spec.manifest().id() + " from " + source.files().get(0).url());
        try {
          out.println("model     " + models.download(source));
        } catch (OfflineException e) {
          reportNotInstalled(e.getMessage(), models.target(spec), installing);
          return false;
        }
      }
    }
    return choice.kind() != InstallOptions.ModelChoice.Kind.SKIP && Files.isDirectory(models.target(spec));
  }
}
