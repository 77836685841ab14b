package dev.askpage.installer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.askpage.installer.install.InstallOptions.ModelChoice;
import dev.askpage.installer.platform.Os;
import dev.askpage.installer.platform.Platform;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ModelSourceOptionsTest {
  private static final Platform PLATFORM = Platform.of(Os.LINUX, Path.of("/home/u"), Map.of());

  private static ModelChoice install(String... args) {
    InstallCommand command = new InstallCommand(PLATFORM);
    new CommandLine(command).parseArgs(args);
    return command.noModel ? ModelChoice.skip() : command.modelSource.choice();
  }

  private static ModelChoice modelInstall(String... args) {
    ModelInstallCommand command = new ModelInstallCommand(PLATFORM);
    new CommandLine(command).parseArgs(args);
    return command.modelSource.choice();
  }

  @Test
  void bothCommandsReadTheSameOptions() {
    for (var parse : java.util.List.<java.util.function.Function<String[], ModelChoice>>of(
        ModelSourceOptionsTest::install, ModelSourceOptionsTest::modelInstall)) {
      assertEquals(new ModelChoice(ModelChoice.Kind.LOCAL_DIR, Path.of("m d"), null),
          parse.apply(new String[] {"--model-dir", "m d"}));
      assertEquals(new ModelChoice(ModelChoice.Kind.LOCAL_FILE, Path.of("m.onnx"), null),
          parse.apply(new String[] {"--model-file", "m.onnx"}));
      assertEquals(ModelChoice.download("http://mirror/"), parse.apply(new String[] {"--url-base", "http://mirror/"}));
      assertEquals(ModelChoice.download(null), parse.apply(new String[] {}));
      assertEquals(new ModelChoice(ModelChoice.Kind.LOCAL_DIR, Path.of("d"), null),
          parse.apply(new String[] {"--model-dir", "d", "--model-file", "f"}), "a folder wins over a file");
    }
    assertEquals(ModelChoice.skip(), install("--no-model", "--model-dir", "d"));
  }

  @Test
  void helpDescribesEachOption() {
    for (Object command : new Object[] {new InstallCommand(PLATFORM), new ModelInstallCommand(PLATFORM)}) {
      String help = new CommandLine(command).getUsageMessage().replaceAll("\\s+", " ");
      assertTrue(help.contains("--model-dir=DIR") && help.contains("optionally its own model.json"), help);
      assertTrue(help.contains("--model-file=FILE") && help.contains("vocab.txt beside it"), help);
      assertTrue(help.contains("--url-base=URL") && help.contains("(a mirror)"), help);
    }
  }
}
