package dev.askpage.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The int8 variant of the synthetic MobileBERT: it loads, runs, matches fp32's logits, and bad inputs are refused. */
class Int8VariantsIT {
  @TempDir static Path temp;
  static ModelDirectory fp32;

  @BeforeAll
  static void writeModel() throws Exception {
    fp32 = SyntheticModels.writeMobileBert(temp.resolve("fp32"), SyntheticSize.TINY, 3, SharedData.vocabulary());
  }

  @Test
  void theInt8ModelGivesTheSameLogitsAsFp32() throws Exception {
    Int8Variants.Result result = Int8Variants.quantize(fp32, temp.resolve("int8"));
    ModelDirectory int8 = result.directory();
    // Every linear layer but the QA head (2 columns), each with its bias folded in.
    assertEquals(1, result.report().keptFp32());
    assertTrue(result.report().quantized() > 10, result.report().toString());
    assertEquals(result.report().quantized(), result.report().fusedBiases());
    assertEquals(ModelManifest.INT8, int8.manifest().precision());
    assertEquals(ModelDirectory.sha256(fp32.modelFile()), int8.manifest().int8().sourceSha256());
    assertEquals(int8.dir().resolve(Int8Variants.INT8_FILE), int8.activeModelFile());
    int8.verifyChecksum();
    assertTrue(Files.size(int8.activeModelFile()) < Files.size(fp32.modelFile()));

    Random random = new Random(5);
    long[][] ids = new long[2][48];
    for (long[] row : ids) {
      for (int i = 0; i < row.length; i++) {
        row[i] = 1000 + random.nextInt(20000);
      }
    }
    long[][] mask = OrtRunner.filled(2, 48, 1);
    long[][] types = OrtRunner.filled(2, 48, 0);
    float[][][] a;
    float[][][] b;
    try (OrtRunner r = new OrtRunner(fp32.modelFile(), 1)) {
      a = r.run(ids, mask, types);
    }
    try (OrtRunner r = new OrtRunner(int8.activeModelFile(), 1)) {
      b = r.run(ids, mask, types);
    }
    for (int output = 0; output < 2; output++) {
      for (int row = 0; row < 2; row++) {
        double cosine = centredCosine(a[output][row], b[output][row]);
        assertTrue(cosine >= 0.99, "logit cosine " + cosine);
        assertTrue(cosine < 1.0, "the int8 file really is another computation");
      }
    }
  }

  @Test
  void inPlaceTheDirectoryKeepsRunningFp32UntilTheUserSwitches() throws Exception {
    Path dir = temp.resolve("in-place");
    ModelDirectory own = SyntheticModels.writeMobileBert(dir, SyntheticSize.TINY, 3, SharedData.vocabulary());
    ModelDirectory quantized = Int8Variants.quantize(own, dir).directory();
    assertEquals(ModelManifest.FP32, quantized.manifest().precision());
    assertEquals(quantized.modelFile(), quantized.activeModelFile());
    ModelDirectory int8 = Int8Variants.use(quantized, ModelManifest.INT8);
    assertEquals(dir.resolve(Int8Variants.INT8_FILE), int8.activeModelFile());
    int8.verifyChecksum();
    assertEquals(ModelManifest.FP32, Int8Variants.use(int8, ModelManifest.FP32).manifest().precision());
    // Without its int8 file the directory still runs fp32, and int8 cannot be chosen.
    Files.delete(dir.resolve(Int8Variants.INT8_FILE));
    ModelDirectory fp32Only = ModelDirectory.read(dir);
    assertEquals(fp32Only.modelFile(), fp32Only.activeModelFile());
    assertThrows(ModelFormatException.class, () -> Int8Variants.use(fp32Only, ModelManifest.INT8));
  }

  @Test
  void int8CannotBeChosenWithoutTheFile() throws Exception {
    Path dir = temp.resolve("no-int8");
    ModelDirectory own = SyntheticModels.writeMobileBert(dir, SyntheticSize.TINY, 4, SharedData.vocabulary());
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> Int8Variants.use(own, ModelManifest.INT8));
    assertTrue(e.getMessage().contains("askpage model quantize"), e.getMessage());
  }

  @Test
  void anOracleHasNothingToQuantize() throws Exception {
    ModelDirectory oracle = SyntheticModels.writeOracle(temp.resolve("oracle"), 3000, 3001, SharedData.vocabulary());
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> Int8Variants.quantize(oracle, temp.resolve("oracle-int8")));
    assertTrue(e.getMessage().contains("nothing to quantize"), e.getMessage());
    assertTrue(Files.notExists(temp.resolve("oracle-int8").resolve(Int8Variants.INT8_FILE)));
  }

  @Test
  void aCorruptOrAlreadyQuantizedModelIsRefused() throws Exception {
    Path corrupt = temp.resolve("corrupt");
    SyntheticModels.writeMobileBert(corrupt, SyntheticSize.TINY, 5, SharedData.vocabulary());
    byte[] bytes = Files.readAllBytes(corrupt.resolve(ModelDirectory.MODEL_FILE));
    Files.write(corrupt.resolve(ModelDirectory.MODEL_FILE), java.util.Arrays.copyOf(bytes, bytes.length / 2));
    rewriteChecksum(corrupt);
    ModelFormatException cut = assertThrows(ModelFormatException.class,
        () -> Int8Variants.quantize(ModelDirectory.read(corrupt), temp.resolve("corrupt-int8")));
    assertTrue(cut.getMessage().contains("not a whole ONNX file"), cut.getMessage());

    Path twice = temp.resolve("twice");
    ModelDirectory once = Int8Variants.quantize(fp32, temp.resolve("once")).directory();
    SyntheticModels.writeMobileBert(twice, SyntheticSize.TINY, 3, SharedData.vocabulary());
    Files.copy(once.activeModelFile(), twice.resolve(ModelDirectory.MODEL_FILE),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    rewriteChecksum(twice);
    ModelFormatException again = assertThrows(ModelFormatException.class,
        () -> Int8Variants.quantize(ModelDirectory.read(twice), temp.resolve("twice-int8")));
    assertTrue(again.getMessage().contains("already quantized"), again.getMessage());
  }

  private static void rewriteChecksum(Path dir) throws Exception {
    ModelDirectory model = ModelDirectory.read(dir);
    Files.writeString(model.manifestFile(), model.manifest()
        .withFile(ModelDirectory.sha256(model.modelFile()), model.manifest().parameters()).toJson());
  }

  private static double centredCosine(float[] a, float[] b) {
    double meanA = 0;
    double meanB = 0;
    for (int i = 0; i < a.length; i++) {
      meanA += a[i] / a.length;
      meanB += b[i] / b.length;
    }
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (a[i] - meanA) * (b[i] - meanB);
      na += (a[i] - meanA) * (a[i] - meanA);
      nb += (b[i] - meanB) * (b[i] - meanB);
    }
    return dot / Math.sqrt(na * nb);
  }
}
