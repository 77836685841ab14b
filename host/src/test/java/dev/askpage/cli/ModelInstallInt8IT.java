package dev.askpage.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.askpage.models.Int8Variants;
import dev.askpage.models.ModelCatalog;
import dev.askpage.models.ModelDirectory;
import dev.askpage.models.ModelManifest;
import dev.askpage.models.SharedData;
import dev.askpage.models.SyntheticModels;
import dev.askpage.models.SyntheticSize;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code askpage model install --int8}, then {@code model use} on the installed model, as a user runs them. */
class ModelInstallInt8IT {
  @TempDir Path temp;

  @Test
  void installKeepsTheVerifiedFp32FileAndWritesTheInt8OneBesideIt() throws Exception {
    Path source = SyntheticModels.writeMobileBert(temp.resolve("tiny"), SyntheticSize.TINY, 2,
        SharedData.vocabulary()).dir();
    String out = askpage("model", "install", "--model-dir", source.toString(), "--int8");
    assertTrue(out.contains("int8 variant"), out);

    Path installed = temp.resolve("data/askpage/models").resolve(ModelCatalog.defaultModel().id());
    ModelDirectory dir = ModelDirectory.read(installed);
    assertEquals(ModelManifest.FP32, dir.manifest().precision(), "the default stays fp32");
    assertEquals(ModelDirectory.sha256(source.resolve(ModelDirectory.MODEL_FILE)), dir.manifest().sha256());
    assertEquals(dir.manifest().sha256(), dir.manifest().int8().sourceSha256());
    assertEquals(installed.resolve(Int8Variants.INT8_FILE), installed.resolve(dir.manifest().int8().file()));

    askpage("model", "use", "int8");
    ModelDirectory int8 = ModelDirectory.read(installed);
    assertEquals(ModelManifest.INT8, int8.manifest().precision());
    int8.verifyChecksum();
  }

  private String askpage(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(AskCommandIT.javaBinary(), "-jar",
        Path.of("target", "askpage.jar").toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().remove(ModelLocator.ENV);
    pb.environment().put("HOME", temp.toString());
    pb.environment().put("XDG_DATA_HOME", temp.resolve("data").toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    return out;
  }
}
