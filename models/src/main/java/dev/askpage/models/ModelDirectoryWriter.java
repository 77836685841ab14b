package dev.askpage.models;

import dev.askpage.models.onnx.OnnxGraph;
import dev.askpage.models.onnx.OnnxModelWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes a complete model directory: the graph as {@code model.onnx}, a copy of the vocabulary, {@code model.json}. */
final class ModelDirectoryWriter {
  private static final String PRODUCER_VERSION = "0.1.0";

  private ModelDirectoryWriter() {}

  /**
   * Writes the directory (created if needed; files already there are replaced) and reads it back.
   *
   * <p>{@code model.onnx} is streamed to a temporary file while its SHA-256 is computed, then moved into place, so a
   * crash never leaves a half-written {@code model.onnx} behind.
   */
  static ModelDirectory write(Path dir, OnnxGraph graph, ModelManifest manifest, Path vocab) throws IOException {
    Files.createDirectories(dir);
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("id", manifest.id());
    metadata.put("source", manifest.source());
    metadata.put("licence", manifest.licence());
    OnnxModelWriter writer = new OnnxModelWriter(PRODUCER_VERSION, manifest.source(), metadata);

    Path partial = dir.resolve(ModelDirectory.MODEL_FILE + ".part");
    MessageDigest digest = Sha256.newDigest();
    try (OutputStream out = new DigestOutputStream(Files.newOutputStream(partial), digest)) {
      writer.write(graph, out);
    } catch (IOException e) {
      Files.deleteIfExists(partial);
      throw e;
    }
    Files.move(partial, dir.resolve(ModelDirectory.MODEL_FILE), StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
    Files.copy(vocab, dir.resolve(ModelDirectory.VOCAB_FILE), StandardCopyOption.REPLACE_EXISTING);
    ModelManifest complete = manifest.withFile(HexFormat.of().formatHex(digest.digest()), graph.parameterCount())
        .withExport(ExportMapping.of(dir, dir.resolve(ModelDirectory.MODEL_FILE)));
    Files.writeString(dir.resolve(ModelDirectory.MANIFEST_FILE), complete.toJson(), StandardCharsets.UTF_8);
    return ModelDirectory.read(dir);
  }
}
