package dev.askpage.infer;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.askpage.models.export.QaExport;
import dev.askpage.models.export.UnsupportedExportException;
import dev.askpage.models.onnx.OnnxFormatException;
import dev.askpage.models.onnx.OnnxSignatureReader;
import dev.askpage.models.onnx.OnnxValueShapes;
import dev.askpage.models.onnx.OnnxValueShapes.ValueShape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a model's session with its value shapes added ({@link OnnxValueShapes}), which lets ONNX Runtime's
 * allocation planner match buffers: MobileBERT's session creation falls from seconds to a fraction of one. The shapes
 * come from the file beside the model ({@code model.onnx.shapes}); when it is missing or was measured on another
 * version of the model file, they are measured ({@link ShapeProbe}: once per model file, about one more session
 * creation) and saved there. Anything wrong with them (unwritable directory, a model the probe cannot run, shapes
 * ONNX Runtime refuses) costs only the speed: the model loads as it is.
 */
final class PlannedSession {
  private static final Logger LOG = LoggerFactory.getLogger(PlannedSession.class);

  private PlannedSession() {}

  static OrtSession create(OrtEnvironment env, Path modelFile, OrtSession.SessionOptions options)
      throws OrtException {
    Optional<byte[]> saved = saved(modelFile);
    if (saved.isPresent() && OnnxValueShapes.holdsNone(saved.get())) {
      return env.createSession(modelFile.toString(), options); // measured before: nothing to add
    }
    if (saved.isPresent()) {
      try {
        return env.createSession(modelWith(modelFile, saved.get()), options);
      } catch (OrtException | IOException e) {
        LOG.warn("ONNX Runtime refused the value shapes in {} ({}); measures them again",
            OnnxValueShapes.sidecar(modelFile).getFileName(), e.getMessage());
      }
    }
    byte[] measured = measure(env, modelFile, options);
    if (measured != null) {
      try {
        return env.createSession(modelWith(modelFile, measured), options);
      } catch (OrtException | IOException e) {
        LOG.warn("ONNX Runtime refused the value shapes measured on {} ({}); loads it without them",
            modelFile.getFileName(), e.getMessage());
        saveQuietly(modelFile, List.of()); // so that later loads do not measure and fail again
      }
    }
    return env.createSession(modelFile.toString(), options);
  }

  private static Optional<byte[]> saved(Path modelFile) {
    try {
      return OnnxValueShapes.readSidecar(modelFile);
    } catch (IOException e) {
      LOG.warn("cannot read {} ({}); measures the value shapes again", OnnxValueShapes.sidecar(modelFile), e);
      return Optional.empty();
    }
  }

  /** Measures and saves the shapes; returns their value_info field, or null when the model cannot be probed. */
  private static byte[] measure(OrtEnvironment env, Path modelFile, OrtSession.SessionOptions options) {
    List<ValueShape> shapes;
    try {
      long start = System.nanoTime();
      shapes = measureShapes(env, modelFile, options);
      LOG.info("measured the shapes of {} values of {} in {} ms", shapes.size(), modelFile.getFileName(),
          (System.nanoTime() - start) / 1_000_000);
    } catch (IOException | OnnxFormatException | UnsupportedExportException | OrtException e) {
      // Saved empty, so later loads do not pay for a probe that fails; the load itself reports a bad model.
      LOG.warn("cannot measure the value shapes of {} ({}); it loads without them", modelFile.getFileName(),
          e.getMessage());
      shapes = List.of();
    }
    saveQuietly(modelFile, shapes);
    return shapes.isEmpty() ? null : OnnxValueShapes.valueInfoField(shapes);
  }

  private static void saveQuietly(Path modelFile, List<ValueShape> shapes) {
    try {
      OnnxValueShapes.writeSidecar(modelFile, shapes);
    } catch (IOException e) {
      LOG.warn("cannot save the value shapes beside {} ({}); the next load measures them again",
          modelFile.getFileName(), e.getMessage());
    }
  }

  /** The shapes of the model's intermediate values, by {@link ShapeProbe}. */
  static List<ValueShape> measureShapes(OrtEnvironment env, Path modelFile, OrtSession.SessionOptions options)
      throws IOException, OnnxFormatException, UnsupportedExportException, OrtException {
    ByteBuffer mapped = OnnxSignatureReader.map(modelFile);
    OnnxSignatureReader.Signature signature = OnnxSignatureReader.read(mapped);
    QaExport export = QaExport.of(signature.inputs(), signature.outputs());
    List<String> intermediates = OnnxValueShapes.intermediates(mapped);
    ByteBuffer probe = modelWith(modelFile, OnnxValueShapes.outputsField(intermediates));
    return ShapeProbe.measure(env, probe, intermediates, export, options);
  }

  /** The model file's bytes followed by {@code field}, in one direct buffer (off the Java heap, one copy). */
  private static ByteBuffer modelWith(Path modelFile, byte[] field) throws IOException {
    try (FileChannel channel = FileChannel.open(modelFile, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size + field.length > Integer.MAX_VALUE) {
        throw new IOException(modelFile.getFileName() + " is over 2 GB");
      }
      ByteBuffer buffer = ByteBuffer.allocateDirect((int) size + field.length);
      buffer.limit((int) size);
      while (buffer.hasRemaining()) {
        if (channel.read(buffer) < 0) {
          throw new IOException(modelFile.getFileName() + " got shorter while it was read");
        }
      }
      buffer.limit(buffer.capacity());
      buffer.put(field);
      return buffer.flip();
    }
  }
}
