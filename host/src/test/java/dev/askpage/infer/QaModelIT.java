package dev.askpage.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.askpage.models.onnx.OnnxGraph;
import dev.askpage.models.onnx.OnnxModelWriter;
import dev.askpage.models.onnx.OnnxTensor;
import dev.askpage.models.onnx.OnnxType;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** QaModel on small hand-built ONNX graphs: names come from the model, bad models are refused clearly. */
class QaModelIT {
  @TempDir Path temp;

  /** start_logits = input_ids as float, end_logits = token types as float (so padding and types are visible). */
  private Path model(String name, boolean extraInput, boolean withTypes, boolean withEnd) throws Exception {
    OnnxGraph g = new OnnxGraph(name);
    String ids = g.input("input_ids", OnnxType.INT64, "batch", "sequence");
    g.input("attention_mask", OnnxType.INT64, "batch", "sequence");
    String types = withTypes ? g.input("token_type_ids", OnnxType.INT64, "batch", "sequence") : ids;
    if (extraInput) {
      g.input("position_ids", OnnxType.INT64, "batch", "sequence");
    }
    g.output("start_logits", OnnxType.FLOAT, "batch", "sequence");
    g.node("Cast", List.of(ids), List.of("start_logits"),
        List.of(dev.askpage.models.onnx.OnnxAttribute.of("to", OnnxType.FLOAT.code())));
    if (withEnd) {
      g.output("end_logits", OnnxType.FLOAT, "batch", "sequence");
      String t = g.op("Cast", List.of(dev.askpage.models.onnx.OnnxAttribute.of("to", OnnxType.FLOAT.code())), types);
      g.node("Add", List.of(t, g.constant("zero", OnnxTensor.scalar(0f))), List.of("end_logits"), List.of());
    }
    Path file = temp.resolve(name + ".onnx");
    try (OutputStream out = Files.newOutputStream(file)) {
      new OnnxModelWriter("test", "test", Map.of()).write(g, out);
    }
    return file;
  }

  @Test
  void padsToTheLongestWindowAndFeedsTokenTypes() throws Exception {
    try (QaModel m = QaModel.load(model("ok", false, true, true), ThreadPolicy.defaults())) {
      BatchLogits out = m.run(new int[][] {{101, 7, 102, 9, 102}, {101, 8, 102}}, new int[] {3, 3});
      assertArrayEquals(new float[] {101, 7, 102, 9, 102}, out.start()[0]);
      assertArrayEquals(new float[] {101, 8, 102}, out.start()[1]);
      assertArrayEquals(new float[] {0, 0, 0, 1, 1}, out.end()[0]);
    }
  }

  @Test
  void modelsWithoutTokenTypesAreFedTheOtherTwo() throws Exception {
    try (QaModel m = QaModel.load(model("notypes", false, false, true), ThreadPolicy.defaults())) {
      assertEquals(2, m.run(new int[][] {{101, 102}}, new int[] {2}).start()[0].length);
    }
  }

  @Test
  void unknownExtraInputsAreReportedByName() throws Exception {
    ModelLoadException e = assertThrows(ModelLoadException.class,
        () -> QaModel.load(model("extra", true, true, true), ThreadPolicy.defaults()));
    assertTrue(e.getMessage().contains("position_ids"), e.getMessage());
  }

  @Test
  void missingOutputsAreReported() throws Exception {
    ModelLoadException e = assertThrows(ModelLoadException.class,
        () -> QaModel.load(model("noend", false, true, false), ThreadPolicy.defaults()));
    assertTrue(e.getMessage().contains("end_logits"), e.getMessage());
  }

  @Test
  void corruptOrMissingFilesAreReported() throws Exception {
    Path junk = temp.resolve("junk.onnx");
    Files.write(junk, new byte[] {1, 2, 3, 4, 5});
    assertThrows(ModelLoadException.class, () -> QaModel.load(junk, ThreadPolicy.defaults()));
    ModelLoadException missing = assertThrows(ModelLoadException.class,
        () -> QaModel.load(temp.resolve("none.onnx"), ThreadPolicy.defaults()));
    assertTrue(missing.getMessage().contains("no model file"), missing.getMessage());
  }
}
