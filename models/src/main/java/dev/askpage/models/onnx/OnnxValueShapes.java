package dev.askpage.models.onnx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The shapes of a model's intermediate values as ONNX {@code value_info}, kept in a file beside the model
 * ({@code model.onnx.shapes}) and added to the model when ONNX Runtime loads it.
 *
 * <p>Why: ONNX shape inference loses the sequence dimension at the first Slice or Pad along it (BERT exports slice
 * their position table and, in MobileBERT, the embeddings), so every later value has an unknown dimension. ONNX
 * Runtime's allocation planner then finds no two buffers of the same size: it compares each new value with every freed
 * one, which is quadratic in the graph (1.8 s of a 2.6 s session creation of MobileBERT on a Skylake Xeon), and reuses
 * none. With the batch and sequence dimensions named on every value the planner matches them at once.
 *
 * <p>Both additions rely on protobuf's rule that a message field given twice is merged: a model's bytes followed by one
 * more {@code graph} field holding only outputs or only value_info parse as that model with them added.
 */
public final class OnnxValueShapes {
  /** The file beside a model that holds its value shapes. */
  public static final String SIDECAR_SUFFIX = ".shapes";

  /** The metadata key binding a shapes file to the model file it was measured on. */
  private static final String MEASURED_ON = "askpage.value-shapes.measured-on";

  private OnnxValueShapes() {}

  /**
   * One dimension: a fixed size, a named size shared by all values that have it ("batch"), or unknown.
   *
   * @param value the size, or -1
   * @param param the name, or null
   */
  public record Dim(long value, String param) {
    public static final Dim UNKNOWN = new Dim(-1, null);

    public static Dim fixed(long value) {
      return new Dim(value, null);
    }

    public static Dim named(String param) {
      return new Dim(-1, param);
    }
  }

  /**
   * The type and shape of one value.
   *
   * @param elementType the ONNX TensorProto data type code (1 float, 7 int64, ...)
   */
  public record ValueShape(String name, int elementType, List<Dim> dims) {
    public ValueShape {
      dims = List.copyOf(dims);
    }
  }

  /** The values the main graph's nodes compute that are not graph outputs, in node order. */
  public static List<String> intermediates(ByteBuffer model) throws OnnxFormatException {
    ProtoReader graph = new ProtoReader(OnnxSignatureReader.graphOf(model));
    List<String> computed = new ArrayList<>();
    Set<String> outputs = new HashSet<>();
    while (graph.hasNext()) {
      switch (graph.next()) {
        case OnnxProto.GRAPH_NODE -> nodeOutputs(graph.message(), computed);
        case OnnxProto.GRAPH_OUTPUT -> outputs.add(graph.message().lastString(OnnxProto.VALUE_INFO_NAME));
        default -> graph.skip();
      }
    }
    computed.removeIf(outputs::contains);
    return computed;
  }

  private static void nodeOutputs(ProtoReader node, List<String> out) throws OnnxFormatException {
    while (node.hasNext()) {
      if (node.next() == OnnxProto.NODE_OUTPUT) {
        String name = node.string();
        if (!name.isEmpty()) { // an optional output left out
          out.add(name);
        }
      } else {
        node.skip();
      }
    }
  }

  /** A {@code graph} field that, after a model's bytes, declares {@code names} as further graph outputs (untyped). */
  public static byte[] outputsField(List<String> names) {
    return encode(OnnxProto.MODEL_GRAPH, OnnxProto.repeated(OnnxProto.GRAPH_OUTPUT,
        names.stream().map(OnnxProto::untypedValueInfo).toList()));
  }

  /** A {@code graph} field that, after a model's bytes, gives the model's values these types and shapes. */
  public static byte[] valueInfoField(List<ValueShape> shapes) {
    return encode(OnnxProto.MODEL_GRAPH, OnnxProto.repeated(OnnxProto.GRAPH_VALUE_INFO,
        shapes.stream().map(OnnxValueShapes::valueInfo).toList()));
  }

  private static ProtoMessage valueInfo(ValueShape shape) {
    List<Object> dims = new ArrayList<>();
    for (Dim dim : shape.dims()) {
      dims.add(dim.param() != null ? dim.param() : dim.value() >= 0 ? (Object) dim.value() : null);
    }
    return OnnxProto.valueInfo(shape.name(), shape.elementType(), dims);
  }

  /** Whether a value_info field from this class holds no value: the shapes file of a model that could not be probed. */
  public static boolean holdsNone(byte[] valueInfoField) {
    return valueInfoField.length == valueInfoField(List.of()).length;
  }

  /** The shapes file of {@code model}. */
  public static Path sidecar(Path model) {
    return model.resolveSibling(model.getFileName() + SIDECAR_SUFFIX);
  }

  /**
   * Writes {@code model}'s shapes file (atomically): the value_info field, bound to the model file's size and
   * modification time as they are now.
   */
  public static void writeSidecar(Path model, List<ValueShape> shapes) throws IOException {
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.write(encode(OnnxProto.MODEL_METADATA_PROPS, OnnxProto.metadataEntry(MEASURED_ON, stamp(model))));
    file.write(valueInfoField(shapes));
    Path target = sidecar(model);
    // A file of its own: two hosts starting together may both measure.
    Path partial = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
    try {
      Files.write(partial, file.toByteArray());
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  /**
   * The value_info field from {@code model}'s shapes file, when there is one measured on the model file as it is now
   * (same size and modification time); empty when there is none, it is stale, or it cannot be read.
   */
  public static Optional<byte[]> readSidecar(Path model) throws IOException {
    Path file = sidecar(model);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    byte[] bytes = Files.readAllBytes(file);
    try {
      ProtoReader reader = new ProtoReader(ByteBuffer.wrap(bytes));
      String measuredOn = null;
      byte[] graphField = null;
      while (reader.hasNext()) {
        int field = reader.next();
        if (field == OnnxProto.MODEL_METADATA_PROPS) {
          measuredOn = measuredOn(reader.message());
        } else if (field == OnnxProto.MODEL_GRAPH) {
          reader.skip();
          ByteBuffer whole = reader.wholeField();
          graphField = new byte[whole.remaining()];
          whole.get(graphField);
        } else {
          reader.skip();
        }
      }
      if (graphField == null || !stamp(model).equals(measuredOn)) {
        return Optional.empty();
      }
      return Optional.of(graphField);
    } catch (OnnxFormatException e) {
      return Optional.empty();
    }
  }

  private static String measuredOn(ProtoReader entry) throws OnnxFormatException {
    String key = null;
    String value = null;
    while (entry.hasNext()) {
      switch (entry.next()) {
        case OnnxProto.ENTRY_KEY -> key = entry.string();
        case OnnxProto.ENTRY_VALUE -> value = entry.string();
        default -> entry.skip();
      }
    }
    return MEASURED_ON.equals(key) ? value : null;
  }

  /** The model file's size and modification time: a rewrite, copy or replacement changes it. */
  private static String stamp(Path model) throws IOException {
    BasicFileAttributes a = Files.readAttributes(model, BasicFileAttributes.class);
    return a.size() + " bytes, modified " + a.lastModifiedTime().toMillis();
  }

  /** One field holding {@code message}, encoded. */
  private static byte[] encode(int field, ProtoMessage message) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      new ProtoOutput(out).message(field, message);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in memory: does not happen
    }
  }
}
