package dev.askpage.installer.cli;

import dev.askpage.installer.install.Installer;
import dev.askpage.installer.model.ModelInstallException;
import dev.askpage.installer.model.ModelSpec;
import dev.askpage.models.Int8Variants;
import dev.askpage.models.ModelDirectory;
import dev.askpage.models.ModelFormatException;
import java.nio.file.Path;
import dev.askpage.installer.platform.Platform;
import dev.askpage.installer.platform.UserDirs;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code askpage model install}: downloads (resumably) or copies the default model into the user's data folder. */
@Command(name = "install", mixinStandardHelpOptions = true,
    description = {"Install the model the host uses into your data folder (<data>/askpage/models/"
        + "mobilebert-uncased-squad-v2): download the catalog's default model (resumes a cut download, checks the "
        + "SHA-256 pins and the ONNX inputs and outputs, records the hashes in model.json and pins.json), or copy one "
        + "from --model-dir / --model-file. vocab.txt must be a BERT WordPiece vocabulary (UTF-8, one token per line, "
        + "with [CLS] [SEP] [PAD] [UNK] [MASK]) with exactly as many tokens as the model's word-embedding table has "
        + "rows (a cased, multilingual or cut-off one is refused), or nothing is replaced. A file counts only when all "
        + "its announced bytes arrived (a server must give its length), and a cut download is resumed only from the "
        + "same address, commit and ETag. When the installed model's files still have the SHA-256 recorded at install, "
        + "nothing is downloaded (--replace downloads anyway); a download must have the files' recorded SHA-256 (the "
        + "same files from another Hugging Face commit are the same model), unless --replace. A folder with its own "
        + "model.json (e.g. from `askpage model synth` or `model oracle`) is installed with that description. The old "
        + "model stays until the new one is complete. A model installed over one with an int8 variant keeps it and the "
        + "precision chosen (askpage model use); the variant is made again when model.onnx changed.",
        "A running host without a usable model (none installed, or a broken one) notices the new one at its next "
            + "question or status check and loads it, answering lexically until it is loaded; a running host that "
            + "has a model keeps it until it is started again. Exit status 1 when nothing was installed (e.g. "
            + "offline)."})
public final class ModelInstallCommand implements Callable<Integer> {
  @Mixin ModelSourceOptions modelSource;

  @Option(names = "--int8", description = "Also make the int8 variant beside the verified fp32 model.onnx "
      + "(askpage model quantize); the host keeps running fp32 until askpage model use int8.")
  boolean int8;

  private final Platform platform;

  /** The command for this process's user. */
  public ModelInstallCommand() {
    this(null); // read at call(): a HOME Java cannot use is then one clear line, not a stack trace
  }

  /** The command for {@code platform} (tests); null: this process's user. */
  public ModelInstallCommand(Platform platform) {
    this.platform = platform;
  }

  @Override
  public Integer call() throws Exception {
    Platform platform = Commands.platform(this.platform);
    UserDirs dirs = UserDirs.of(platform);
    try {
      boolean installed = new Installer(platform, Commands.registry(platform), Commands.stdout(), Commands.stderr())
          .replacingModel(modelSource.replace).installModel(modelSource.choice(), dirs);
      if (installed && int8) {
        Path dir = dirs.modelDir(ModelSpec.defaultModel().id());
        Int8Variants.Result result = Int8Variants.quantize(ModelDirectory.read(dir), dir);
        Commands.stdout().println("model     int8 variant " + result.directory().dir().resolve(Int8Variants.INT8_FILE)
            + " (" + result.report().quantized() + " products int8); the host runs fp32 until: askpage model use int8");
      }
      return installed ? 0 : 1;
    } catch (ModelFormatException e) {
      return Commands.fail("model install --int8", e);
    } catch (ModelInstallException e) {
      return Commands.fail("model install", e);
    }
  }
}
