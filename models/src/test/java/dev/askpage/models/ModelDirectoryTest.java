package dev.askpage.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDirectoryTest {
  @TempDir Path dir;

  private static final ModelManifest MANIFEST = new ModelManifest("m", "test", "MIT",
      List.of("input_ids"), List.of("start_logits"), 512, true, null, null);

  @Test
  void readsACompleteDirectory() throws Exception {
    writeAll(MANIFEST);
    ModelDirectory model = ModelDirectory.read(dir);
    assertEquals(MANIFEST, model.manifest());
    assertEquals(dir.resolve("model.onnx"), model.modelFile());
    assertEquals(dir.resolve("vocab.txt"), model.vocabFile());
  }

  @Test
  void missingDirectoryIsNamed() {
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> ModelDirectory.read(dir.resolve("nowhere")));
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    assertEquals(dir.resolve("nowhere"), e.directory());
  }

  @Test
  void eachMissingFileIsNamed() throws Exception {
    for (String file : List.of("model.onnx", "vocab.txt", "model.json")) {
      writeAll(MANIFEST);
      Files.delete(dir.resolve(file));
      ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelDirectory.read(dir));
      assertTrue(e.getMessage().contains("has no " + file), e.getMessage());
    }
  }

  @Test
  void emptyModelFileIsRejected() throws Exception {
    writeAll(MANIFEST);
    Files.write(dir.resolve("model.onnx"), new byte[0]);
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelDirectory.read(dir));
    assertTrue(e.getMessage().contains("model.onnx is empty"), e.getMessage());
  }

  @Test
  void checksumMismatchSaysTheModelIsDamaged() throws Exception {
    writeAll(MANIFEST.withFile("0".repeat(64), null));
    ModelDirectory model = ModelDirectory.read(dir);
    ModelFormatException e = assertThrows(ModelFormatException.class, model::verifyChecksum);
    assertTrue(e.getMessage().contains("damaged or was replaced"), e.getMessage());
  }

  @Test
  void matchingChecksumVerifies() throws Exception {
    writeAll(MANIFEST);
    String sha = ModelDirectory.sha256(dir.resolve("model.onnx"));
    Files.writeString(dir.resolve("model.json"), MANIFEST.withFile(sha, null).toJson());
    ModelDirectory.read(dir).verifyChecksum();
  }

  @Test
  void manifestThatIsNotUtf8IsRejected() throws Exception {
    writeAll(MANIFEST);
    Files.write(dir.resolve("model.json"), new byte[] {'{', (byte) 0xFF, '}'});
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelDirectory.read(dir));
    assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
  }

  private void writeAll(ModelManifest manifest) throws Exception {
    Files.write(dir.resolve("model.onnx"), new byte[] {8, 8});
    Files.writeString(dir.resolve("vocab.txt"), "[PAD]\n");
    Files.writeString(dir.resolve("model.json"), manifest.toJson());
  }
}
