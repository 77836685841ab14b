package dev.askpage.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticModelsTest {
  @TempDir Path temp;

  @Test
  void tinyWritesACompleteCheckedDirectory() throws Exception {
    Path out = temp.resolve("tiny");
    ModelDirectory model = SyntheticModels.writeMobileBert(out, SyntheticSize.TINY, 5, SharedData.vocabulary());
    ModelManifest manifest = model.manifest();
    assertEquals("synthetic-mobilebert-tiny-seed-5", manifest.id());
    assertEquals(List.of("input_ids", "attention_mask", "token_type_ids"), manifest.inputs());
    assertEquals(List.of("start_logits", "end_logits"), manifest.outputs());
    assertEquals(512, manifest.maxSequenceLength());
    assertTrue(manifest.predictsNoAnswer());
    assertEquals(MobileBertShape.of(SyntheticSize.TINY).parameterCount(30522), manifest.parameters());
    assertArrayEquals(Files.readAllBytes(SharedData.vocabulary()), Files.readAllBytes(model.vocabFile()));
    assertFalse(Files.exists(out.resolve("model.onnx.part")));
    model.verifyChecksum();
    assertEquals(manifest, ModelDirectory.read(out).manifest());
  }

  @Test
  void oracleRejectsIdsOutsideTheVocabulary() {
    assertThrows(IllegalArgumentException.class,
        () -> SyntheticModels.writeOracle(temp, 30522, 5, SharedData.vocabulary()));
    assertThrows(IllegalArgumentException.class,
        () -> SyntheticModels.writeOracle(temp, 5, -1, SharedData.vocabulary()));
  }

  @Test
  void oracleDirectoryNamesItsTokens() throws Exception {
    ModelDirectory model = SyntheticModels.writeOracle(temp, 3000, 3001, SharedData.vocabulary());
    assertEquals("oracle-3000-3001", model.manifest().id());
    assertEquals(0L, model.manifest().parameters());
    model.verifyChecksum();
  }
}
