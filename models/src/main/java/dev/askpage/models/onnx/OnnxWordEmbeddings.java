package dev.askpage.models.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Finds how many token ids a model's word-embedding table holds: the rows of the constant table a {@code Gather} looks
 * the token id input up in (through casts and reshapes of the ids, and a dequantization or cast of the table). A
 * vocabulary with another number of lines is not the model's: its ids point at the wrong rows, or past the table.
 */
public final class OnnxWordEmbeddings {
  /** Ops the token ids pass through unchanged in value on their way to the embedding lookup. */
  private static final Set<String> ID_PASS_THROUGH = Set.of("Cast", "Identity", "Reshape", "Squeeze", "Unsqueeze",
      "Flatten");
  /** Ops between the stored table and the lookup that keep its rows. */
  private static final Set<String> TABLE_PASS_THROUGH = Set.of("Cast", "Identity", "DequantizeLinear");

  private record Node(String opType, List<String> inputs, List<String> outputs) {}

  private OnnxWordEmbeddings() {}

  /**
   * The rows of the table the token ids {@code idsInput} are looked up in, or empty when the graph has no such lookup
   * of a constant table (a model that computes from the ids otherwise: nothing to compare a vocabulary with).
   */
  public static OptionalLong rows(Path onnx, String idsInput) throws IOException, OnnxFormatException {
    ByteBuffer graph = OnnxSignatureReader.graphOf(OnnxSignatureReader.map(onnx));
    List<Node> nodes = new ArrayList<>();
    Map<String, long[]> initializerDims = new HashMap<>();
    ProtoReader reader = new ProtoReader(graph);
    while (reader.hasNext()) {
      switch (reader.next()) {
        case OnnxProto.GRAPH_NODE -> nodes.add(node(reader.message()));
        case OnnxProto.GRAPH_INITIALIZER -> initializer(reader.message(), initializerDims);
        default -> reader.skip();
      }
    }
    return lookupTableRows(nodes, initializerDims, idsInput);
  }

  private static OptionalLong lookupTableRows(List<Node> nodes, Map<String, long[]> initializerDims, String ids) {
    Map<String, Node> producers = new HashMap<>();
    for (Node node : nodes) {
      for (String output : node.outputs()) {
        producers.put(output, node);
      }
    }
    Set<String> idValues = new HashSet<>(Set.of(ids));
    // Until nothing changes, so that the result does not depend on the nodes being listed in order.
    for (boolean grew = true; grew; ) {
      grew = false;
      for (Node node : nodes) {
        if (ID_PASS_THROUGH.contains(node.opType()) && !node.inputs().isEmpty()
            && idValues.contains(node.inputs().get(0))) {
          grew |= idValues.addAll(node.outputs());
        }
      }
    }
    for (Node node : nodes) {
      if (node.opType().equals("Gather") && node.inputs().size() == 2 && idValues.contains(node.inputs().get(1))) {
        long[] dims = tableDims(node.inputs().get(0), producers, initializerDims);
        if (dims != null && dims.length == 2) {
          return OptionalLong.of(dims[0]);
        }
      }
    }
    return OptionalLong.empty();
  }

  /** The dims of the initializer {@code value} is (or is a cast or dequantization of), or null. */
  private static long[] tableDims(String value, Map<String, Node> producers, Map<String, long[]> initializerDims) {
    for (int hops = 0; hops < 8; hops++) {
      long[] dims = initializerDims.get(value);
      if (dims != null) {
        return dims;
      }
      Node producer = producers.get(value);
      if (producer == null || !TABLE_PASS_THROUGH.contains(producer.opType()) || producer.inputs().isEmpty()) {
        return null;
      }
      value = producer.inputs().get(0);
    }
    return null;
  }

  private static Node node(ProtoReader node) throws OnnxFormatException {
    String opType = "";
    List<String> inputs = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    while (node.hasNext()) {
      switch (node.next()) {
        case OnnxProto.NODE_INPUT -> inputs.add(node.string());
        case OnnxProto.NODE_OUTPUT -> outputs.add(node.string());
        case OnnxProto.NODE_OP_TYPE -> opType = node.string();
        default -> node.skip();
      }
    }
    return new Node(opType, inputs, outputs);
  }

  private static void initializer(ProtoReader tensor, Map<String, long[]> dimsByName) throws OnnxFormatException {
    List<Long> dims = new ArrayList<>();
    String name = "";
    while (tensor.hasNext()) {
      switch (tensor.next()) {
        case OnnxProto.TENSOR_DIMS -> tensor.int64s(dims);
        case OnnxProto.TENSOR_NAME -> name = tensor.string();
        default -> tensor.skip();
      }
    }
    dimsByName.put(name, dims.stream().mapToLong(Long::longValue).toArray());
  }
}
