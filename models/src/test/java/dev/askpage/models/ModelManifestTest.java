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
  void brokenJsonIsReported() {
    assertProblem("{\"id\": ", "not valid JSON");
    assertProblem("[1, 2]", "must hold a JSON object");
  }

  private static void assertProblem(String json, String expected) {
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelManifest.parse(DIR, json));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
