package dev.askpage.session;

import dev.askpage.models.SharedData;
import dev.askpage.models.SyntheticModels;
import dev.askpage.models.SyntheticSize;
import dev.askpage.tokenizer.Vocabulary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Model directories written by the tests: the oracle model, full-size synthetic MobileBERT, a corrupt model. */
final class TestModels {
  /** A page where the oracle model of {@link #oracle} answers exactly {@link #ANSWER}. */
  static final String PAGE = "Big Bird lives at 123 Sesame Street in New York. The weather there is usually nice.";
  static final String ANSWER = "Sesame Street";

  private TestModels() {}

  static Path vocabulary() {
    Path vocab = SharedData.vocabulary();
    if (!Files.isRegularFile(vocab)) {
      throw new IllegalStateException("no vocabulary at " + vocab.toAbsolutePath()
          + ": set -Daskpage.shared.data=<shared/data folder>");
    }
    return vocab;
  }

  /** The oracle model: the answer starts at the token "sesame" and ends at "street". */
  static Path oracle(Path dir) throws IOException {
    Vocabulary v = Vocabulary.load(vocabulary());
    return SyntheticModels.writeOracle(dir, v.id("sesame"), v.id("street"), vocabulary()).dir();
  }

  /** MobileBERT's real architecture and cost with random weights (~100 MB). */
  static Path fullMobileBert(Path dir) throws IOException {
    return SyntheticModels.writeMobileBert(dir, SyntheticSize.FULL, 7, vocabulary()).dir();
  }

  /**
   * An oracle model directory whose {@code model.onnx} is garbage; with {@code matchingChecksum} the manifest's
   * checksum is rewritten to match the garbage, so that ONNX Runtime itself has to reject the file.
   */
  static Path corrupt(Path dir, boolean matchingChecksum) throws IOException {
    Path model = oracle(dir);
    byte[] garbage = new byte[4096];
    new java.util.Random(42).nextBytes(garbage);
    Path onnx = model.resolve("model.onnx");
    String oldSum = sha256(Files.readAllBytes(onnx));
    Files.write(onnx, garbage);
    if (matchingChecksum) {
      Path manifest = model.resolve("model.json");
      String json = Files.readString(manifest);
      if (!json.contains(oldSum)) {
        throw new IllegalStateException("model.json does not hold the model's checksum");
      }
      Files.writeString(manifest, json.replace(oldSum, sha256(garbage)));
    }
    return model;
  }

  static String sha256(byte[] bytes) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
