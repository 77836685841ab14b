package dev.askpage.installer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxSignatureTest {
  @TempDir Path temp;

  @Test
  void readsInputsAndOutputsSkippingWeights() throws Exception {
    Path onnx = Files.write(temp.resolve("model.onnx"), TestOnnx.bert(300_000));
    OnnxSignature signature = OnnxSignature.read(onnx);
    assertEquals(List.of("input_ids", "attention_mask", "token_type_ids"), signature.inputs());
    assertEquals(List.of("start_logits", "end_logits"), signature.outputs());
  }

  @Test
  void truncatedFileIsRejected() throws Exception {
    byte[] whole = TestOnnx.bert(1000);
    Path onnx = Files.write(temp.resolve("cut.onnx"), Arrays.copyOf(whole, whole.length / 2));
    assertThrows(VerificationException.class, () -> OnnxSignature.read(onnx));
  }

  @Test
  void textFileIsRejected() throws Exception {
    Path onnx = Files.writeString(temp.resolve("html.onnx"), "<html>404 Not Found</html>");
    assertThrows(VerificationException.class, () -> OnnxSignature.read(onnx));
  }
}
