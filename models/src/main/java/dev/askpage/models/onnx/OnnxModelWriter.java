package dev.askpage.models.onnx;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes an {@link OnnxGraph} as an ONNX model file ({@code ModelProto}), streaming initializer bytes.
 *
 * <p>Opset 17 of the default domain, IR version 8 (the IR version that goes with opset 17).
 */
public final class OnnxModelWriter {
  /** The default-domain opset the askpage graphs are written against. */
  public static final int OPSET = 17;

  static final int IR_VERSION = 8;
  private static final int BUFFER_BYTES = 1 << 20;

  private final String producerVersion;
  private final String docString;
  private final Map<String, String> metadata;

  /** A writer that stamps files with producer {@code askpage}, the given version, a doc string and metadata_props. */
  public OnnxModelWriter(String producerVersion, String docString, Map<String, String> metadata) {
    this.producerVersion = producerVersion;
    this.docString = docString;
    this.metadata = new LinkedHashMap<>(metadata);
  }

  /** Writes the model to the stream (buffered here; the caller closes the stream) and returns the bytes written. */
  public long write(OnnxGraph graph, OutputStream out) throws IOException {
    ProtoMessage model = OnnxProto.model(IR_VERSION, OPSET, "askpage", producerVersion, docString, metadata, graph);
    BufferedOutputStream buffered = new BufferedOutputStream(out, BUFFER_BYTES);
    model.writeTo(new ProtoOutput(buffered));
    buffered.flush();
    return model.size();
  }
}
