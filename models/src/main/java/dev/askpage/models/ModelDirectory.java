package dev.askpage.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A model on disk: a directory holding {@code model.onnx}, {@code vocab.txt} and {@code model.json}.
 *
 * @param dir the directory
 * @param manifest the parsed {@code model.json}
 */
public record ModelDirectory(Path dir, ModelManifest manifest) {
  public static final String MODEL_FILE = "model.onnx";
  public static final String VOCAB_FILE = "vocab.txt";
  public static final String MANIFEST_FILE = "model.json";

  /** Reads and checks a model directory: all three files present and non-empty, {@code model.json} well formed. */
  public static ModelDirectory read(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new ModelFormatException(dir, Files.exists(dir) ? "is a file, not a directory"
          : "does not exist (a model directory holds " + MODEL_FILE + ", " + VOCAB_FILE + " and " + MANIFEST_FILE + ")");
    }
    requireFile(dir, MANIFEST_FILE, "the description of the model");
    requireFile(dir, MODEL_FILE, "the ONNX model");
    requireFile(dir, VOCAB_FILE, "the WordPiece vocabulary");
    String text;
    try {
      byte[] bytes = Files.readAllBytes(dir.resolve(MANIFEST_FILE));
      text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new ModelFormatException(dir, MANIFEST_FILE + " is not UTF-8 text", e);
    }
    ModelManifest manifest = ModelManifest.parse(dir, text);
    // A missing int8 file matters only when it is the one to run; fp32 runs without it.
    if (manifest.precision().equals(ModelManifest.INT8)) {
      requireFile(dir, manifest.int8().file(),
          "the int8 variant model.json chooses; or run fp32: askpage model use fp32");
    }
    return new ModelDirectory(dir, manifest);
  }

  public Path modelFile() {
    return dir.resolve(MODEL_FILE);
  }

  /** The ONNX file the host runs: {@code model.onnx}, or the int8 variant when model.json chooses int8. */
  public Path activeModelFile() {
    return manifest.precision().equals(ModelManifest.INT8) ? dir.resolve(manifest.int8().file()) : modelFile();
  }

  public Path vocabFile() {
    return dir.resolve(VOCAB_FILE);
  }

  public Path manifestFile() {
    return dir.resolve(MANIFEST_FILE);
  }

  /**
   * Checks the file the host runs against the SHA-256 in {@code model.json}: {@code model.onnx}, or the int8 variant
   * when int8 is chosen; does nothing when none is recorded.
   *
   * @throws ModelFormatException if the file's checksum differs (a damaged or replaced model)
   */
  public void verifyChecksum() throws IOException {
    if (manifest.precision().equals(ModelManifest.INT8)) {
      String actual = sha256(activeModelFile());
      if (!actual.equals(manifest.int8().sha256())) {
        throw new ModelFormatException(dir, manifest.int8().file() + " is damaged or was replaced: its SHA-256 is "
            + actual + " but " + MANIFEST_FILE + " expects " + manifest.int8().sha256()
            + "; make it again with askpage model quantize, or run fp32 with askpage model use fp32");
      }
      return;
    }
    if (manifest.sha256() == null) {
      return;
    }
    String actual = sha256(modelFile());
    if (!actual.equals(manifest.sha256())) {
      throw new ModelFormatException(dir, MODEL_FILE + " is damaged or was replaced: its SHA-256 is " + actual
          + " but " + MANIFEST_FILE + " expects " + manifest.sha256() + "; download or write the model again");
    }
  }

  /** The SHA-256 of {@code file} in lower-case hex. */
  public static String sha256(Path file) throws IOException {
    MessageDigest digest = Sha256.newDigest();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static void requireFile(Path dir, String name, String what) throws ModelFormatException {
    Path file = dir.resolve(name);
    if (!Files.isRegularFile(file)) {
      throw new ModelFormatException(dir, "has no " + name + " (" + what + ")");
    }
    try {
      if (Files.size(file) == 0) {
        throw new ModelFormatException(dir, name + " is empty (" + what + ")");
      }
    } catch (IOException e) {
      throw new ModelFormatException(dir, name + " cannot be read (" + e.getMessage() + ")", e);
    }
  }
}
