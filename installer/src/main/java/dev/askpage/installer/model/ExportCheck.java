package dev.askpage.installer.model;

import dev.askpage.models.ExportMapping;
import dev.askpage.models.ModelFormatException;
import dev.askpage.models.ModelManifest;
import dev.askpage.models.export.ExportTensor;
import dev.askpage.models.export.QaExport;
import dev.askpage.models.onnx.OnnxFormatException;
import dev.askpage.models.onnx.OnnxSignatureReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks that an ONNX file is a question-answering export the host can run, from the file's own declarations, and
 * records how to feed it in {@code model.json}: the same rule the host applies at load time, so a model that would be
 * refused there is refused at install.
 */
final class ExportCheck {
  private ExportCheck() {}

  /** The manifest with the file's inputs, outputs and export mapping; {@code origin} names where it came from. */
  static ModelManifest describe(ModelManifest manifest, Path onnx, String origin)
      throws IOException, VerificationException {
    OnnxSignatureReader.Signature signature;
    QaExport export;
    try {
      signature = OnnxSignatureReader.read(onnx);
      export = ExportMapping.export(onnx.getParent(), onnx);
    } catch (OnnxFormatException e) {
      throw new VerificationException("model.onnx from " + origin + " is " + e.getMessage());
    } catch (ModelFormatException e) {
      throw new VerificationException("model.onnx from " + origin + ": " + e.getCause().getMessage());
    }
    return manifest.withSignature(names(signature.inputs()), names(signature.outputs())).withExport(export.describe());
  }

  private static List<String> names(List<ExportTensor> tensors) {
    return tensors.stream().map(ExportTensor::name).toList();
  }
}
