package dev.askpage.models.onnx;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Encodes the ONNX messages (field numbers from onnx.proto) as {@link ProtoMessage}s sized before writing. */
final class OnnxProto {
  private OnnxProto() {}

  // ModelProto
  private static final int MODEL_IR_VERSION = 1;
  private static final int MODEL_PRODUCER_NAME = 2;
  private static final int MODEL_PRODUCER_VERSION = 3;
  private static final int MODEL_DOC_STRING = 6;
  static final int MODEL_GRAPH = 7;
  static final int MODEL_OPSET_IMPORT = 8;
  static final int MODEL_METADATA_PROPS = 14;
  // OperatorSetIdProto
  static final int OPSET_DOMAIN = 1;
  static final int OPSET_VERSION = 2;
  // StringStringEntryProto
  static final int ENTRY_KEY = 1;
  static final int ENTRY_VALUE = 2;
  // GraphProto
  static final int GRAPH_NODE = 1;
  private static final int GRAPH_NAME = 2;
  static final int GRAPH_INITIALIZER = 5;
  static final int GRAPH_INPUT = 11;
  static final int GRAPH_OUTPUT = 12;
  static final int GRAPH_VALUE_INFO = 13;
  // NodeProto
  static final int NODE_INPUT = 1;
  static final int NODE_OUTPUT = 2;
  static final int NODE_NAME = 3;
  static final int NODE_OP_TYPE = 4;
  static final int NODE_ATTRIBUTE = 5;
  // AttributeProto
  static final int ATTRIBUTE_NAME = 1;
  static final int ATTRIBUTE_F = 2;
  static final int ATTRIBUTE_I = 3;
  private static final int ATTRIBUTE_INTS = 8;
  private static final int ATTRIBUTE_TYPE = 20;
  // TensorProto
  static final int TENSOR_DIMS = 1;
  static final int TENSOR_DATA_TYPE = 2;
  static final int TENSOR_NAME = 8;
  static final int TENSOR_RAW_DATA = 9;
  // ValueInfoProto, TypeProto, TypeProto.Tensor, TensorShapeProto, TensorShapeProto.Dimension
  static final int VALUE_INFO_NAME = 1;
  static final int VALUE_INFO_TYPE = 2;
  static final int TYPE_TENSOR_TYPE = 1;
  static final int TENSOR_TYPE_ELEM_TYPE = 1;
  static final int TENSOR_TYPE_SHAPE = 2;
  static final int SHAPE_DIM = 1;
  static final int DIM_VALUE = 1;
  private static final int DIM_PARAM = 2;

  static ProtoMessage model(long irVersion, long opset, String producer, String producerVersion, String docString,
      Map<String, String> metadata, OnnxGraph graph) {
    ProtoMessage graphMessage = graph(graph);
    ProtoMessage opsetMessage = new Fields()
        .string(OPSET_DOMAIN, "")
        .int64(OPSET_VERSION, opset);
    Fields model = new Fields()
        .int64(MODEL_IR_VERSION, irVersion)
        .string(MODEL_PRODUCER_NAME, producer)
        .string(MODEL_PRODUCER_VERSION, producerVersion)
        .string(MODEL_DOC_STRING, docString)
        .message(MODEL_OPSET_IMPORT, opsetMessage);
    for (Map.Entry<String, String> entry : metadata.entrySet()) {
      model.message(MODEL_METADATA_PROPS, metadataEntry(entry.getKey(), entry.getValue()));
    }
    // The graph goes last: its initializers are most of the file and are streamed.
    return model.message(MODEL_GRAPH, graphMessage);
  }

  private static ProtoMessage graph(OnnxGraph graph) {
    Fields fields = new Fields().string(GRAPH_NAME, graph.name());
    for (OnnxGraph.ValueInfo input : graph.inputs()) {
      fields.message(GRAPH_INPUT, valueInfo(input));
    }
    for (OnnxGraph.ValueInfo output : graph.outputs()) {
      fields.message(GRAPH_OUTPUT, valueInfo(output));
    }
    for (OnnxGraph.Node node : graph.nodes()) {
      fields.message(GRAPH_NODE, node(node));
    }
    for (OnnxGraph.ValueInfo info : graph.valueInfos()) {
      fields.message(GRAPH_VALUE_INFO, valueInfo(info));
    }
    for (OnnxGraph.Initializer initializer : graph.initializers()) {
      fields.message(GRAPH_INITIALIZER, tensor(initializer.name(), initializer.tensor()));
    }
    return fields;
  }

  private static ProtoMessage node(OnnxGraph.Node node) {
    Fields fields = new Fields();
    for (String input : node.inputs()) {
      fields.string(NODE_INPUT, input);
    }
    for (String output : node.outputs()) {
      fields.string(NODE_OUTPUT, output);
    }
    fields.string(NODE_NAME, node.name()).string(NODE_OP_TYPE, node.opType());
    for (OnnxAttribute attribute : node.attributes()) {
      fields.message(NODE_ATTRIBUTE, attribute(attribute));
    }
    return fields;
  }

  private static ProtoMessage attribute(OnnxAttribute attribute) {
    Fields fields = new Fields().string(ATTRIBUTE_NAME, attribute.name());
    switch (attribute.kind()) {
      case FLOAT:
        fields.float32(ATTRIBUTE_F, attribute.floatValue());
        break;
      case INT:
        fields.int64(ATTRIBUTE_I, attribute.ints()[0]);
        break;
      case INTS:
        for (long value : attribute.ints()) {
          fields.int64(ATTRIBUTE_INTS, value);
        }
        break;
    }
    return fields.int64(ATTRIBUTE_TYPE, attribute.kind().code);
  }

  private static ProtoMessage tensor(String name, OnnxTensor tensor) {
    Fields fields = new Fields();
    for (long dim : tensor.rawDims()) {
      fields.int64(TENSOR_DIMS, dim);
    }
    fields.int64(TENSOR_DATA_TYPE, tensor.type().code).string(TENSOR_NAME, name);
    return fields.raw(TENSOR_RAW_DATA, tensor);
  }

  private static ProtoMessage valueInfo(OnnxGraph.ValueInfo info) {
    return valueInfo(info.name(), info.type().code, List.of(info.dims()));
  }

  /**
   * A ValueInfoProto of a tensor.
   *
   * @param elementType the TensorProto data type code
   * @param dims each a {@link String} (a named dimension), a {@link Number} (a size) or null (unknown)
   */
  static ProtoMessage valueInfo(String name, long elementType, List<?> dims) {
    Fields shape = new Fields();
    for (Object dim : dims) {
      Fields dimension = new Fields();
      if (dim instanceof String param) {
        dimension.string(DIM_PARAM, param);
      } else if (dim != null) {
        dimension.int64(DIM_VALUE, ((Number) dim).longValue());
      }
      shape.message(SHAPE_DIM, dimension);
    }
    Fields tensorType = new Fields()
        .int64(TENSOR_TYPE_ELEM_TYPE, elementType)
        .message(TENSOR_TYPE_SHAPE, shape);
    Fields type = new Fields().message(TYPE_TENSOR_TYPE, tensorType);
    return new Fields().string(VALUE_INFO_NAME, name).message(VALUE_INFO_TYPE, type);
  }

  /** A ValueInfoProto with a name only: ONNX Runtime infers the type of a graph output so declared. */
  static ProtoMessage untypedValueInfo(String name) {
    return new Fields().string(VALUE_INFO_NAME, name);
  }

  /** A StringStringEntryProto (metadata_props). */
  static ProtoMessage metadataEntry(String key, String value) {
    return new Fields().string(ENTRY_KEY, key).string(ENTRY_VALUE, value);
  }

  /** A message of one repeated embedded field, {@code field}, holding {@code messages} in order. */
  static ProtoMessage repeated(int field, List<ProtoMessage> messages) {
    Fields fields = new Fields();
    for (ProtoMessage message : messages) {
      fields.message(field, message);
    }
    return fields;
  }

  /** A message as an ordered list of fields; sizes are computed once, when first asked for. */
  private static final class Fields implements ProtoMessage {
    private final List<Field> fields = new java.util.ArrayList<>();
    private long size = -1;

    Fields int64(int number, long value) {
      return add(new Field(() -> ProtoOutput.int64Size(number, value), out -> out.int64(number, value)));
    }

    Fields float32(int number, float value) {
      return add(new Field(() -> ProtoOutput.float32Size(number), out -> out.float32(number, value)));
    }

    Fields string(int number, String value) {
      return add(new Field(() -> ProtoOutput.stringSize(number, value), out -> out.string(number, value)));
    }

    Fields message(int number, ProtoMessage message) {
      return add(new Field(() -> ProtoOutput.messageSize(number, message), out -> out.message(number, message)));
    }

    /** A bytes field whose contents the tensor generates while it is written. */
    Fields raw(int number, OnnxTensor tensor) {
      return add(new Field(() -> ProtoOutput.lengthDelimitedSize(number, tensor.byteLength()), out -> {
        out.lengthPrefix(number, tensor.byteLength());
        tensor.writeData(out.stream());
      }));
    }

    private Fields add(Field field) {
      fields.add(field);
      size = -1;
      return this;
    }

    @Override
    public long size() {
      if (size < 0) {
        long total = 0;
        for (Field field : fields) {
          total += field.size();
        }
        size = total;
      }
      return size;
    }

    @Override
    public void writeTo(ProtoOutput out) throws IOException {
      for (Field field : fields) {
        field.writeTo(out);
      }
    }
  }

  /** One field: its size, asked for lazily (a nested message may still grow), and how it is written. */
  private record Field(java.util.function.LongSupplier sizer, Writer writer) implements ProtoMessage {
    @Override
    public long size() {
      return sizer.getAsLong();
    }

    @Override
    public void writeTo(ProtoOutput out) throws IOException {
      writer.write(out);
    }
  }

  /** Writes a field's bytes. */
  @FunctionalInterface
  private interface Writer {
    void write(ProtoOutput out) throws IOException;
  }
}
