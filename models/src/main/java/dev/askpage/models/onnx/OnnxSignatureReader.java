package dev.askpage.models.onnx;

import dev.askpage.models.export.ExportTensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the declared graph inputs and outputs of an ONNX file (names, element types, shapes) without ONNX Runtime, so
 * the installer and {@code model quantize} can judge a model before it is loaded. Initializers listed as inputs (old
 * exporters) are dropped, as ONNX Runtime drops them.
 */
public final class OnnxSignatureReader {
  private static final Map<Integer, String> ELEMENT_TYPES = Map.ofEntries(Map.entry(1, "float"), Map.entry(2, "uint8"),
      Map.entry(3, "int8"), Map.entry(4, "uint16"), Map.entry(5, "int16"), Map.entry(6, "int32"), Map.entry(7, "int64"),
      Map.entry(8, "string"), Map.entry(9, "bool"), Map.entry(10, "float16"), Map.entry(11, "double"),
      Map.entry(12, "uint32"), Map.entry(13, "uint64"), Map.entry(16, "bfloat16"));

  /** The inputs and outputs a graph declares. */
  public record Signature(List<ExportTensor> inputs, List<ExportTensor> outputs) {}

  private OnnxSignatureReader() {}

  /** Memory-maps an ONNX file (read-only). Files over 2 GB are not ONNX files askpage runs. */
  public static MappedByteBuffer map(Path file) throws IOException, OnnxFormatException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      if (channel.size() > Integer.MAX_VALUE) {
        throw new OnnxFormatException(file.getFileName() + " is over 2 GB, larger than any model askpage runs");
      }
      return channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
    }
  }

  /** Reads the signature of the file. */
  public static Signature read(Path file) throws IOException, OnnxFormatException {
    return read(map(file));
  }

  /** Reads the signature of a whole ModelProto. */
  public static Signature read(ByteBuffer model) throws OnnxFormatException {
    return graph(new ProtoReader(graphOf(model)));
  }

  /** The GraphProto of a whole ModelProto. */
  static ByteBuffer graphOf(ByteBuffer model) throws OnnxFormatException {
    ProtoReader reader = new ProtoReader(model);
    ByteBuffer graph = null;
    while (reader.hasNext()) {
      if (reader.next() == OnnxProto.MODEL_GRAPH) {
        graph = reader.bytes();
      } else {
        reader.skip();
      }
    }
    if (graph == null) {
      throw new OnnxFormatException("not an ONNX model: it has no graph");
    }
    return graph;
  }

  private static Signature graph(ProtoReader graph) throws OnnxFormatException {
    List<ExportTensor> inputs = new ArrayList<>();
    List<ExportTensor> outputs = new ArrayList<>();
    Set<String> initializers = new HashSet<>();
    while (graph.hasNext()) {
      switch (graph.next()) {
        case OnnxProto.GRAPH_INPUT -> inputs.add(valueInfo(graph.message()));
        case OnnxProto.GRAPH_OUTPUT -> outputs.add(valueInfo(graph.message()));
        case OnnxProto.GRAPH_INITIALIZER -> initializers.add(graph.message().lastString(OnnxProto.TENSOR_NAME));
        default -> graph.skip();
      }
    }
    inputs.removeIf(i -> initializers.contains(i.name()));
    return new Signature(List.copyOf(inputs), List.copyOf(outputs));
  }

  private static ExportTensor valueInfo(ProtoReader info) throws OnnxFormatException {
    String name = "";
    String type = "unknown";
    List<Long> dims = new ArrayList<>();
    while (info.hasNext()) {
      int field = info.next();
      if (field == OnnxProto.VALUE_INFO_NAME) {
        name = info.string();
      } else if (field == OnnxProto.VALUE_INFO_TYPE) {
        ProtoReader typeProto = info.message();
        while (typeProto.hasNext()) {
          if (typeProto.next() == OnnxProto.TYPE_TENSOR_TYPE) {
            type = tensorType(typeProto.message(), dims);
          } else {
            typeProto.skip();
          }
        }
      } else {
        info.skip();
      }
    }
    return new ExportTensor(name, type, dims.stream().mapToLong(Long::longValue).toArray());
  }

  private static String tensorType(ProtoReader tensorType, List<Long> dims) throws OnnxFormatException {
    String type = "unknown";
    while (tensorType.hasNext()) {
      int field = tensorType.next();
      if (field == OnnxProto.TENSOR_TYPE_ELEM_TYPE) {
        type = ELEMENT_TYPES.getOrDefault((int) tensorType.varint(), "unknown");
      } else if (field == OnnxProto.TENSOR_TYPE_SHAPE) {
        ProtoReader shape = tensorType.message();
        while (shape.hasNext()) {
          if (shape.next() == OnnxProto.SHAPE_DIM) {
            dims.add(dimension(shape.message()));
          } else {
            shape.skip();
          }
        }
      } else {
        tensorType.skip();
      }
    }
    return type;
  }

  private static long dimension(ProtoReader dim) throws OnnxFormatException {
    long value = ExportTensor.DYNAMIC;
    while (dim.hasNext()) {
      if (dim.next() == OnnxProto.DIM_VALUE) {
        value = dim.varint();
      } else {
        dim.skip();
      }
    }
    return value;
  }
}
