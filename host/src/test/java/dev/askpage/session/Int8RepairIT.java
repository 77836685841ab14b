package dev.askpage.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import dev.askpage.models.ModelDirectory;
import dev.askpage.models.ModelManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running host refuses an int8 file it cannot load and keeps running fp32; once the user repairs the file in place
 * (as {@code askpage model quantize} rewrites it), the next ask runs it.
 */
class Int8RepairIT {
  @TempDir Path temp;

  @Test
  void aRefusedInt8FileIsTriedAgainOnceItIsRewritten() throws Exception {
    Path model = TestModels.oracle(temp.resolve("oracle"));
    Path int8 = model.resolve("model-int8.onnx");
    try (HostProcess host = HostProcess.start("--model", model.toString(),
        "chrome-extension://figobfochmfbacgiggdecdnedcidedin/")) {
      assertEquals("fp32", precision(HostProcessIT.awaitModel(host, "ready")));

      byte[] garbage = new byte[4096];
      new Random(42).nextBytes(garbage);
      Files.write(int8, garbage);
      chooseInt8(model, int8); // what askpage model use int8 writes
      assertAnswers(host, 1);
      assertEquals("fp32", precision(HostProcessIT.awaitModel(host, "ready")), "the damaged int8 file is refused");
      assertAnswers(host, 2);
      assertEquals("fp32", precision(HostProcessIT.awaitModel(host, "ready")));

      // The repair: a loadable file at the same path (the oracle's own graph stands in for a quantized one).
      Files.copy(model.resolve(ModelDirectory.MODEL_FILE), int8, StandardCopyOption.REPLACE_EXISTING);
      assertAnswers(host, 3);
      assertEquals("int8", precision(HostProcessIT.awaitModel(host, "ready")), "the repaired file runs");
    }
  }

  /** Makes model.json choose {@code int8} as the model's int8 variant. */
  private static void chooseInt8(Path model, Path int8) throws Exception {
    ModelDirectory dir = ModelDirectory.read(model);
    ModelManifest manifest = dir.manifest();
    ModelManifest.Int8Variant variant = new ModelManifest.Int8Variant(int8.getFileName().toString(),
        ModelDirectory.sha256(int8), ModelDirectory.sha256(dir.modelFile()));
    Files.writeString(dir.manifestFile(), manifest.withPrecision(ModelManifest.INT8, variant).toJson());
  }

  private static void assertAnswers(HostProcess host, int id) throws Exception {
    assertEquals(TestModels.ANSWER, PrecisionSwitchIT.answers(host, id).get(0).getAsJsonObject().get("text")
        .getAsString());
  }

  private static String precision(JsonObject hello) {
    return hello.getAsJsonObject("result").getAsJsonObject("model").get("precision").getAsString();
  }
}
