package dev.askpage.cli;

import dev.askpage.infer.ModelLoadException;
import dev.askpage.infer.QaModel;
import dev.askpage.infer.ThreadPolicy;
import dev.askpage.models.Int8Variants;
import dev.askpage.models.ModelDirectory;
import dev.askpage.models.ModelManifest;
import dev.askpage.models.onnx.OnnxInt8Quantizer;
import dev.askpage.models.OracleShape;
import dev.askpage.models.SharedData;
import dev.askpage.models.SyntheticModels;
import dev.askpage.models.SyntheticSize;
import dev.askpage.tokenizer.Vocabulary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code askpage model}: install the real model, or write the project's own test models. */
@Command(
    name = "model",
    mixinStandardHelpOptions = true,
    description = "Install the model, make its int8 variant and choose the precision the host runs, or write "
        + "synthetic and oracle models for tests and benchmarks.",
    subcommands = {dev.askpage.installer.cli.ModelInstallCommand.class, ModelCommand.Synth.class,
        ModelCommand.Oracle.class, ModelCommand.Quantize.class, ModelCommand.Use.class})
final class ModelCommand implements Runnable {
  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "name a model command: install, synth, oracle, quantize or use");
  }

  /** Vocabulary option shared by the writers. */
  static final class VocabOption {
    @Option(names = "--vocab", paramLabel = "FILE",
        description = "WordPiece vocabulary to copy in (default ../shared/data/bert-base-uncased-vocab.txt).")
    Path vocab;

    Path file() {
      return vocab != null ? vocab : SharedData.vocabulary();
    }
  }

  /** The oracle's shape names, for --help. */
  static final class ShapeNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return java.util.Arrays.stream(OracleShape.values()).map(OracleShape::cliName).iterator();
    }
  }

  @Command(name = "synth", mixinStandardHelpOptions = true,
      description = "Write MobileBERT with seeded random weights: full (same shapes and cost as the real model, "
          + "~25 M parameters) or tiny (for fast tests).")
  static final class Synth implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--size", required = true, paramLabel = "full|tiny", description = "full or tiny.")
    String size;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Random seed (default 1).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Model directory to write.")
    Path out;

    @CommandLine.Mixin VocabOption vocab = new VocabOption();

    @Override
    public Integer call() throws IOException {
      SyntheticSize s = switch (size.toLowerCase(Locale.ROOT)) {
        case "full" -> SyntheticSize.FULL;
        case "tiny" -> SyntheticSize.TINY;
        default -> throw new CommandLine.ParameterException(spec.commandLine(), "--size must be full or tiny");
      };
      ModelDirectory dir = SyntheticModels.writeMobileBert(out, s, seed, vocab.file());
      spec.commandLine().getOut().println("wrote " + dir.dir());
      return 0;
    }
  }

  @Command(name = "oracle", mixinStandardHelpOptions = true,
      description = "Write a model whose start logit peaks exactly where the input token is START and whose end "
          + "logit peaks where it is END, so that the answer on a text where each occurs once is known.")
  static final class Oracle implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--start", required = true, paramLabel = "WORD", description = "One vocabulary token.")
    String start;

    @Option(names = "--end", required = true, paramLabel = "WORD", description = "One vocabulary token.")
    String end;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Model directory to write.")
    Path out;

    @Option(names = "--shape", defaultValue = "default", paramLabel = "SHAPE",
        description = "Export shape to write it in (same answers in each): ${COMPLETION-CANDIDATES}.",
        completionCandidates = ShapeNames.class)
    String shape;

    @CommandLine.Mixin VocabOption vocab = new VocabOption();

    @Override
    public Integer call() throws IOException {
      OracleShape exportShape;
      try {
        exportShape = OracleShape.ofCliName(shape);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--shape: " + e.getMessage());
      }
      Vocabulary v = Vocabulary.load(vocab.file());
      int startId = tokenId(v, start, "--start");
      int endId = tokenId(v, end, "--end");
      ModelDirectory dir = SyntheticModels.writeOracle(out, startId, endId, vocab.file(), exportShape);
      spec.commandLine().getOut().println("wrote " + dir.dir());
      return 0;
    }

    private int tokenId(Vocabulary v, String word, String option) {
      int id = v.id(word);
      if (id < 0) {
        throw new CommandLine.ParameterException(spec.commandLine(), option + " " + word
            + " is not a token of the vocabulary (use one lowercase WordPiece token)");
      }
      return id;
    }
  }

  @Command(name = "quantize", mixinStandardHelpOptions = true,
      description = {"Make the int8 variant of a model directory's fp32 model.onnx: every MatMul/Gemm with a constant "
          + "weight becomes ONNX Runtime's DynamicQuantizeMatMul (int8 weights within +-64, which x86 CPUs without "
          + "VNNI multiply without saturating, one scale per output column; activations quantized at run time); "
          + "embeddings, normalisations and the QA head stay fp32.",
          "--out gets the fp32 files (copied unless it is --in), model-int8.onnx, and a model.json recording both "
              + "files' SHA-256. A new --out directory runs int8 (e.g. for eval --compare); with --out the same as "
              + "--in the directory keeps running what it ran (fp32 by default): switch with askpage model use int8. "
              + "The int8 file is loaded once in ONNX Runtime before the command succeeds. "
              + "Exit status 1 when the input is damaged, not a question-answering model, has nothing to quantize, "
              + "or keeps its weights in external data files."})
  static final class Quantize implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--in", required = true, paramLabel = "DIR",
        description = "Model directory with an fp32 model.onnx.")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "DIR",
        description = "Model directory to write (may be --in).")
    Path out;

    @Override
    public Integer call() {
      try {
        long t0 = System.nanoTime();
        Int8Variants.Result result = Int8Variants.quantize(ModelDirectory.read(in), out);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Path int8File = result.directory().dir().resolve(result.directory().manifest().int8().file());
        try (QaModel loaded = QaModel.load(int8File, ThreadPolicy.defaults())) {
          loaded.export(); // it loads with the same inputs and outputs
        }
        OnnxInt8Quantizer.Report r = result.report();
        spec.commandLine().getOut().printf(Locale.ROOT,
            "wrote %s: %d products int8 (%d with their bias folded in), %d left fp32; %.1f MB (fp32 %.1f MB) "
                + "in %.1f s%n",
            int8File, r.quantized(), r.fusedBiases(), r.keptFp32(),
            r.bytesWritten() / 1e6, sizeMb(result.directory().modelFile()), seconds);
        spec.commandLine().getOut().println(result.directory().dir() + " runs "
            + result.directory().manifest().precision() + (result.directory().manifest().precision().equals("fp32")
            ? "; use the int8 file with: askpage model use int8 --model " + result.directory().dir() : ""));
        return 0;
      } catch (IOException | ModelLoadException | ai.onnxruntime.OrtException e) {
        spec.commandLine().getErr().println("model quantize: " + e.getMessage());
        return 1;
      }
    }

    private static double sizeMb(Path file) throws IOException {
      return java.nio.file.Files.size(file) / 1e6;
    }
  }

  @Command(name = "use", mixinStandardHelpOptions = true,
      description = {"Choose the precision the host runs: fp32 (model.onnx) or int8 (model-int8.onnx, made by "
          + "`askpage model quantize` or `askpage model install --int8`). A running host uses it from its next ask.",
          "Without --model, the installed model (or ASKPAGE_MODEL_DIR)."})
  static final class Use implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.Parameters(index = "0", paramLabel = "int8|fp32", description = "int8 or fp32.")
    String precision;

    @Option(names = "--model", paramLabel = "DIR", description = "Model directory (default: the installed model).")
    Path model;

    @Override
    public Integer call() {
      if (!precision.equals(ModelManifest.INT8) && !precision.equals(ModelManifest.FP32)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "precision must be int8 or fp32");
      }
      Path dir = ModelLocator.locate(model).orElse(null);
      if (dir == null) {
        spec.commandLine().getErr().println("model use: no model is installed; install one with askpage model install");
        return 1;
      }
      try {
        ModelDirectory chosen = Int8Variants.use(ModelDirectory.read(dir), precision);
        spec.commandLine().getOut().println(chosen.dir() + " now runs " + chosen.manifest().precision() + " ("
            + chosen.activeModelFile().getFileName() + ")");
        return 0;
      } catch (IOException e) {
        spec.commandLine().getErr().println("model use: " + e.getMessage());
        return 1;
      }
    }
  }
}
