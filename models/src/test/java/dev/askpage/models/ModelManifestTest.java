package dev.askpage.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelManifestTest {
  private static final Path DIR = Path.of("models", "m");
  private static final ModelManifest FULL = new ModelManifest("m", "src", "MIT",
      List.of("input_ids", "attention_mask"), List.of("start_logits", "end_logits"), 512, true,
      "a".repeat(64), 24_582_914L);

  @Test
  void roundTripsThroughJson() throws Exception {
    assertEquals(FULL, ModelManifest.parse(DIR, FULL.toJson()));
  }

  @Test
  void optionalFieldsMayBeLeftOut() throws Exception {
    ModelManifest bare = FULL.withFile(null, null);
    String json = bare.toJson();
    assertTrue(!json.contains("sha256") && !json.contains("parameters"), json);
    assertEquals(bare, ModelManifest.parse(DIR, json));
  }

  @Test
  void missingFieldIsNamed() {
    String json = FULL.toJson().replace("\"licence\": \"MIT\",", "");
    assertProblem(json, "has no \"licence\" field");
  }

  @Test
  void wrongTypesAreExplained() {
    assertProblem(FULL.toJson().replace("512", "\"512\""), "\"maxSequenceLength\" must be a whole number");
    assertProblem(FULL.toJson().replace("\"predictsNoAnswer\": true", "\"predictsNoAnswer\": \"yes\""),
        "must be true or false");
    assertProblem(FULL.toJson().replaceAll("\"inputs\": \\[[^]]*]", "\"inputs\": []"),
        "\"inputs\" must be a non-empty list");
    assertProblem(FULL.toJson().replace("a".repeat(64), "abc"), "64 lower-case hex digits");
  }

  @Test
  void exportMappingAndInt8VariantRoundTrip() throws Exception {
    ModelManifest int8 = FULL.withExport(java.util.Map.of("inputIds", "input_ids:0", "batch", "1"))
        .withPrecision(ModelManifest.INT8, new ModelManifest.Int8Variant("model-int8.onnx", "b".repeat(64),
            "a".repeat(64)));
    assertEquals(int8, ModelManifest.parse(DIR, int8.toJson()));
    assertEquals(ModelManifest.FP32, FULL.precision(), "fp32 is the default");
  }

  @Test
  void int8WithoutItsFileOrOutsideTheDirectoryIsRefused() {
    String int8 = FULL.withPrecision(ModelManifest.INT8, new ModelManifest.Int8Variant("model-int8.onnx",
        "b".repeat(64), "a".repeat(64))).toJson();
    assertProblem(int8.replaceAll("(?s),\\s*\"int8\": \\{.*?}", ""), "describes no int8 file");
    assertProblem(int8.replace("\"model-int8.onnx\"", "\"../x.onnx\""), "must name a file in the model directory");
    assertProblem(int8.replace("\"precision\": \"int8\"", "\"precision\": \"int4\""), "\"fp32\" or \"int8\"");
  }

  @Test
  void brokenJsonIsReported() {
    assertProblem("{\"id\": ", "not valid JSON");
    assertProblem("[1, 2]", "must hold a JSON object");
  }

  private static void assertProblem(String json, String expected) {
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelManifest.parse(DIR, json));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
