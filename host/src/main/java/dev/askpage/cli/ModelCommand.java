package dev.askpage.cli;

import dev.askpage.models.ModelDirectory;
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
    description = "Install the model, or write synthetic and oracle models for tests and benchmarks.",
    subcommands = {dev.askpage.installer.cli.ModelInstallCommand.class, ModelCommand.Synth.class,
        ModelCommand.Oracle.class})
final class ModelCommand implements Runnable {
  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a model command: install, synth or oracle");
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
}
