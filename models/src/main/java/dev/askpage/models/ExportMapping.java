package dev.askpage.models;

import dev.askpage.models.export.QaExport;
import dev.askpage.models.export.UnsupportedExportException;
import dev.askpage.models.onnx.OnnxFormatException;
import dev.askpage.models.onnx.OnnxSignatureReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** The export mapping of an ONNX file, as {@code model.json} records it, read from the file's own declarations. */
public final class ExportMapping {
  private ExportMapping() {}

  /**
   * Reads {@code onnx} and finds how to feed it.
   *
   * @throws ModelFormatException if the file is not ONNX or not an export askpage can run (the message says why)
   */
  public static Map<String, String> of(Path dir, Path onnx) throws IOException {
    return export(dir, onnx).describe();
  }

  /** The export of {@code onnx}; {@code dir} names the model directory in errors. */
  public static QaExport export(Path dir, Path onnx) throws IOException {
    try {
      OnnxSignatureReader.Signature signature = OnnxSignatureReader.read(onnx);
      return QaExport.of(signature.inputs(), signature.outputs());
    } catch (OnnxFormatException | UnsupportedExportException e) {
      throw new ModelFormatException(dir, onnx.getFileName() + " is " + e.getMessage(), e);
    }
  }
}
