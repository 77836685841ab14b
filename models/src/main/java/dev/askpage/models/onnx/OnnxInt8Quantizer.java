package dev.askpage.models.onnx;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites an fp32 ONNX model for dynamic int8 inference: every MatMul (and plain Gemm) whose weight is a constant
 * [K, N] matrix with at least {@link #MIN_COLUMNS} columns becomes ONNX Runtime's fused {@code DynamicQuantizeMatMul}
 * (com.microsoft): weights int8 within ±{@link #WEIGHT_LIMIT}, symmetric, one scale per output column; activations
 * quantized at run time. A bias {@code Add} right after the product is folded into the fused node. Embeddings,
 * normalisations, attention's activation-by-activation products and the QA head (2 columns) stay fp32.
 *
 * <p>Everything else in the file is copied byte for byte: nodes, initializers, inputs and outputs are read as slices
 * of the mapped file and only the rewritten products and their weights are new.
 */
public final class OnnxInt8Quantizer {
  /** Products with fewer output columns (the QA head's 2) are left in fp32: no speed to gain, precision to lose. */
  public static final int MIN_COLUMNS = 16;

  /**
   * The largest weight magnitude written (7 bits, what ONNX Runtime's own quantizer calls reduce_range). On x86 CPUs
   * without VNNI (AVX2, and AVX-512 before Cascade Lake) ONNX Runtime multiplies uint8 activations by int8 weights
   * with VPMADDUBSW, which adds two products into a saturating int16: 2 × 255 × 127 overflows it and the answers
   * drift (a relative error of 0.11 instead of 0.02 measured on a Skylake Xeon), while 2 × 255 × 64 = 32,640 fits.
   */
  public static final int WEIGHT_LIMIT = 64;

  private static final String MS_DOMAIN = "com.microsoft";
  private static final int TYPE_FLOAT = 1;
  private static final int TYPE_INT8 = 3;
  // NodeProto.domain, TensorProto.float_data and data_location, AttributeProto.f/i.
  private static final int NODE_DOMAIN = 7;
  private static final int TENSOR_FLOAT_DATA = 4;
  private static final int TENSOR_DATA_LOCATION = 14;

  /**
   * What the rewrite did.
   *
   * @param quantized products rewritten to int8
   * @param fusedBiases bias additions folded into the int8 products
   * @param keptFp32 constant-weight products left in fp32 (too few columns, or a Gemm with alpha/beta/transA)
   * @param bytesWritten size of the int8 file
   */
  public record Report(int quantized, int fusedBiases, int keptFp32, long bytesWritten) {}

  private OnnxInt8Quantizer() {}

  /**
   * Reads {@code fp32}, writes the int8 model to {@code out} (not closed).
   *
   * @throws OnnxFormatException when {@code fp32} is not a whole ONNX model, already quantized, or has no constant
   *     product to quantize
   */
  public static Report quantize(Path fp32, OutputStream out) throws IOException, OnnxFormatException {
    ByteBuffer file = OnnxSignatureReader.map(fp32);
    ProtoReader model = new ProtoReader(file);
    ProtoChunks rewritten = new ProtoChunks();
    Report report = null;
    boolean hasMsOpset = false;
    while (model.hasNext()) {
      int field = model.next();
      if (field == OnnxProto.MODEL_GRAPH) {
        ProtoReader graph = model.message();
        ProtoChunks graphOut = new ProtoChunks();
        report = rewriteGraph(graph, graphOut);
        rewritten.message(OnnxProto.MODEL_GRAPH, graphOut);
      } else if (field == OnnxProto.MODEL_OPSET_IMPORT) {
        ProtoReader opset = model.message();
        while (opset.hasNext()) {
          if (opset.next() == OnnxProto.OPSET_DOMAIN) {
            hasMsOpset |= opset.string().equals(MS_DOMAIN);
          } else {
            opset.skip();
          }
        }
        rewritten.copy(model.wholeField());
      } else {
        model.skip();
        rewritten.copy(model.wholeField());
      }
    }
    if (report == null) {
      throw new OnnxFormatException("not an ONNX model: it has no graph");
    }
    if (!hasMsOpset) {
      rewritten.message(OnnxProto.MODEL_OPSET_IMPORT,
          new ProtoChunks().string(OnnxProto.OPSET_DOMAIN, MS_DOMAIN).varintField(OnnxProto.OPSET_VERSION, 1));
    }
    rewritten.writeTo(out);
    return new Report(report.quantized(), report.fusedBiases(), report.keptFp32(), rewritten.length());
  }

  /** A graph field copied as it is unless it names a tensor the rewrite removed. */
  private record Field(String name, ByteBuffer whole) {}

  private record Node(ByteBuffer whole, String name, String opType, String domain, List<String> inputs,
      List<String> outputs, Map<String, Double> numbers) {}

  private record Initializer(ByteBuffer whole, String name, int dataType, long[] dims, ByteBuffer raw,
      List<Float> floatData, boolean external) {
    boolean floatMatrix() {
      return dataType == TYPE_FLOAT && dims.length == 2 && !external;
    }

    boolean floatVector(long n) {
      return dataType == TYPE_FLOAT && dims.length == 1 && dims[0] == n && !external;
    }
  }

  private static Report rewriteGraph(ProtoReader graph, ProtoChunks out) throws OnnxFormatException {
    List<Node> nodes = new ArrayList<>();
    Map<String, Initializer> initializers = new LinkedHashMap<>();
    List<Field> otherFields = new ArrayList<>();
    Set<String> graphOutputs = new HashSet<>();
    while (graph.hasNext()) {
      int field = graph.next();
      if (field == OnnxProto.GRAPH_NODE) {
        ProtoReader node = graph.message();
        nodes.add(node(node, graph.wholeField()));
      } else if (field == OnnxProto.GRAPH_INITIALIZER) {
        ProtoReader tensor = graph.message();
        Initializer init = initializer(tensor, graph.wholeField());
        initializers.put(init.name(), init);
      } else if (field == OnnxProto.GRAPH_OUTPUT || field == OnnxProto.GRAPH_INPUT
          || field == OnnxProto.GRAPH_VALUE_INFO) {
        String name = graph.message().lastString(OnnxProto.VALUE_INFO_NAME);
        if (field == OnnxProto.GRAPH_OUTPUT) {
          graphOutputs.add(name);
        }
        otherFields.add(new Field(name, graph.wholeField()));
      } else {
        graph.skip();
        otherFields.add(new Field(null, graph.wholeField()));
      }
    }
    for (Node node : nodes) {
      if (node.domain().equals(MS_DOMAIN) && node.opType().startsWith("DynamicQuantize")
          || node.opType().equals("MatMulInteger") || node.opType().equals("DynamicQuantizeLinear")) {
        throw new OnnxFormatException("the model is already quantized (it has " + node.opType() + " nodes)");
      }
    }

    Map<String, List<Node>> consumers = new HashMap<>();
    for (Node node : nodes) {
      for (String input : node.inputs()) {
        consumers.computeIfAbsent(input, k -> new ArrayList<>()).add(node);
      }
    }
    Set<String> names = new HashSet<>(initializers.keySet());
    nodes.forEach(n -> names.addAll(n.outputs()));

    Map<Node, ProtoChunks> replacements = new HashMap<>();
    Set<Node> dropped = new HashSet<>();
    Map<String, String[]> quantizedWeights = new HashMap<>();
    List<ProtoChunks> newInitializers = new ArrayList<>();
    Set<String> weightsToDrop = new HashSet<>();
    Set<String> vanished = new HashSet<>();
    int quantized = 0;
    int fused = 0;
    int kept = 0;
    for (Node node : nodes) {
      boolean matMul = node.opType().equals("MatMul") && node.domain().isEmpty() && node.inputs().size() == 2;
      boolean gemm = node.opType().equals("Gemm") && node.domain().isEmpty() && node.inputs().size() >= 2;
      if (!matMul && !gemm) {
        continue;
      }
      Initializer weight = initializers.get(node.inputs().get(1));
      if (weight == null || !weight.floatMatrix() || initializers.containsKey(node.inputs().get(0))) {
        continue;
      }
      boolean transposed = gemm && node.numbers().getOrDefault("transB", 0.0) != 0;
      long columns = transposed ? weight.dims()[0] : weight.dims()[1];
      boolean plainGemm = !gemm || (node.numbers().getOrDefault("alpha", 1.0) == 1.0
          && node.numbers().getOrDefault("beta", 1.0) == 1.0 && node.numbers().getOrDefault("transA", 0.0) == 0);
      if (columns < MIN_COLUMNS || !plainGemm) {
        kept++;
        continue;
      }
      String bias = null;
      String output = node.outputs().get(0);
      if (gemm && node.inputs().size() > 2 && !node.inputs().get(2).isEmpty()) {
        Initializer c = initializers.get(node.inputs().get(2));
        if (c == null || !c.floatVector(columns)) {
          kept++;
          continue;
        }
        bias = c.name();
      } else if (matMul) {
        List<Node> users = consumers.getOrDefault(output, List.of());
        if (users.size() == 1 && !graphOutputs.contains(output) && users.get(0).opType().equals("Add")
            && users.get(0).domain().isEmpty() && users.get(0).inputs().size() == 2) {
          Node add = users.get(0);
          String other = add.inputs().get(0).equals(output) ? add.inputs().get(1) : add.inputs().get(0);
          Initializer b = initializers.get(other);
          if (b != null && b.floatVector(columns) && !other.equals(output)) {
            bias = other;
            vanished.add(output);
            output = add.outputs().get(0);
            dropped.add(add);
            fused++;
          }
        }
      }
      String[] q = quantizedWeights.get(weight.name());
      if (q == null) {
        q = new String[] {unique(names, weight.name() + "_int8"), unique(names, weight.name() + "_scale"),
            unique(names, weight.name() + "_zero_point")};
        quantizedWeights.put(weight.name(), q);
        newInitializers.addAll(quantizeColumns(weight, transposed, q));
      }
      weightsToDrop.add(weight.name());
      List<String> inputs = new ArrayList<>(List.of(node.inputs().get(0), q[0], q[1], q[2]));
      if (bias != null) {
        inputs.add(bias);
      }
      ProtoChunks replacement = new ProtoChunks();
      for (String input : inputs) {
        replacement.string(OnnxProto.NODE_INPUT, input);
      }
      replacement.string(OnnxProto.NODE_OUTPUT, output)
          .string(OnnxProto.NODE_NAME, node.name() + "_int8")
          .string(OnnxProto.NODE_OP_TYPE, "DynamicQuantizeMatMul")
          .string(NODE_DOMAIN, MS_DOMAIN);
      replacements.put(node, replacement);
      quantized++;
    }
    if (quantized == 0) {
      if (initializers.values().stream().anyMatch(Initializer::external)) {
        // Its weights are in files beside it, which this rewrite does not read: say so rather than "nothing".
        throw new OnnxFormatException("the model keeps its weights in external data files, which askpage does not "
            + "quantize: export it with the weights inside the .onnx file");
      }
      throw new OnnxFormatException("the model has no MatMul or Gemm with a constant weight of " + MIN_COLUMNS
          + " or more columns: nothing to quantize");
    }
    // A weight another node still reads in fp32 stays.
    for (Node node : nodes) {
      if (!replacements.containsKey(node)) {
        node.inputs().forEach(weightsToDrop::remove);
      }
    }

    // Old exporters list weights as graph inputs too, and shape inference leaves value_info for intermediate
    // products: neither may name a tensor that is gone.
    for (Field field : otherFields) {
      if (field.name() == null || !(weightsToDrop.contains(field.name()) || vanished.contains(field.name()))) {
        out.copy(field.whole());
      }
    }
    for (Node node : nodes) {
      if (dropped.contains(node)) {
        continue;
      }
      ProtoChunks replacement = replacements.get(node);
      if (replacement != null) {
        out.message(OnnxProto.GRAPH_NODE, replacement);
      } else {
        out.copy(node.whole());
      }
    }
    for (Initializer init : initializers.values()) {
      if (!weightsToDrop.contains(init.name())) {
        out.copy(init.whole());
      }
    }
    for (ProtoChunks tensor : newInitializers) {
      out.message(OnnxProto.GRAPH_INITIALIZER, tensor);
    }
    return new Report(quantized, fused, kept, 0);
  }

  /** int8 weights [K, N], one fp32 scale per column N (max |w| / WEIGHT_LIMIT), zero points 0. */
  private static List<ProtoChunks> quantizeColumns(Initializer weight, boolean transposed, String[] names)
      throws OnnxFormatException {
    int rows = (int) (transposed ? weight.dims()[1] : weight.dims()[0]);
    int cols = (int) (transposed ? weight.dims()[0] : weight.dims()[1]);
    float[] w = floats(weight, (long) rows * cols);
    float[] scales = new float[cols];
    for (int k = 0; k < rows; k++) {
      for (int n = 0; n < cols; n++) {
        scales[n] = Math.max(scales[n], Math.abs(w[transposed ? n * rows + k : k * cols + n]));
      }
    }
    for (int n = 0; n < cols; n++) {
      scales[n] = scales[n] == 0 ? 1f : scales[n] / WEIGHT_LIMIT;
    }
    byte[] q = new byte[rows * cols];
    for (int k = 0; k < rows; k++) {
      for (int n = 0; n < cols; n++) {
        float value = w[transposed ? n * rows + k : k * cols + n] / scales[n];
        q[k * cols + n] = (byte) Math.max(-WEIGHT_LIMIT, Math.min(WEIGHT_LIMIT, Math.round(value)));
      }
    }
    ByteBuffer scaleBytes = ByteBuffer.allocate(cols * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float s : scales) {
      scaleBytes.putFloat(s);
    }
    scaleBytes.flip();
    return List.of(
        tensor(names[0], TYPE_INT8, new long[] {rows, cols}, ByteBuffer.wrap(q)),
        tensor(names[1], TYPE_FLOAT, new long[] {cols}, scaleBytes),
        tensor(names[2], TYPE_INT8, new long[] {cols}, ByteBuffer.wrap(new byte[cols])));
  }

  private static ProtoChunks tensor(String name, int dataType, long[] dims, ByteBuffer raw) {
    ProtoChunks t = new ProtoChunks();
    for (long dim : dims) {
      t.varintField(OnnxProto.TENSOR_DIMS, dim);
    }
    return t.varintField(OnnxProto.TENSOR_DATA_TYPE, dataType).string(OnnxProto.TENSOR_NAME, name)
        .bytes(OnnxProto.TENSOR_RAW_DATA, raw);
  }

  private static float[] floats(Initializer init, long count) throws OnnxFormatException {
    float[] values = new float[(int) count];
    if (init.raw() != null) {
      if (init.raw().remaining() != count * 4) {
        throw new OnnxFormatException("weight " + init.name() + " holds " + init.raw().remaining() + " bytes, not "
            + count * 4);
      }
      init.raw().duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
    } else {
      if (init.floatData().size() != count) {
        throw new OnnxFormatException("weight " + init.name() + " holds " + init.floatData().size() + " values, not "
            + count);
      }
      for (int i = 0; i < count; i++) {
        values[i] = init.floatData().get(i);
      }
    }
    return values;
  }

  private static String unique(Set<String> names, String wanted) {
    String name = wanted;
    for (int i = 1; names.contains(name); i++) {
      name = wanted + "_" + i;
    }
    names.add(name);
    return name;
  }

  private static Node node(ProtoReader node, ByteBuffer whole) throws OnnxFormatException {
    String name = "";
    String opType = "";
    String domain = "";
    List<String> inputs = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    Map<String, Double> numbers = new HashMap<>();
    while (node.hasNext()) {
      switch (node.next()) {
        case OnnxProto.NODE_INPUT -> inputs.add(node.string());
        case OnnxProto.NODE_OUTPUT -> outputs.add(node.string());
        case OnnxProto.NODE_NAME -> name = node.string();
        case OnnxProto.NODE_OP_TYPE -> opType = node.string();
        case NODE_DOMAIN -> domain = node.string();
        case OnnxProto.NODE_ATTRIBUTE -> attribute(node.message(), numbers);
        default -> node.skip();
      }
    }
    if (domain.equals("ai.onnx")) {
      domain = "";
    }
    return new Node(whole, name, opType, domain, inputs, outputs, numbers);
  }

  /** Keeps the int and float attributes (Gemm's alpha, beta, transA, transB). */
  private static void attribute(ProtoReader attribute, Map<String, Double> numbers) throws OnnxFormatException {
    String name = null;
    Double value = null;
    while (attribute.hasNext()) {
      switch (attribute.next()) {
        case OnnxProto.ATTRIBUTE_NAME -> name = attribute.string();
        case OnnxProto.ATTRIBUTE_F -> value = (double) attribute.fixed32();
        case OnnxProto.ATTRIBUTE_I -> value = (double) attribute.varint();
        default -> attribute.skip();
      }
    }
    if (name != null && value != null) {
      numbers.put(name, value);
    }
  }

  private static Initializer initializer(ProtoReader tensor, ByteBuffer whole) throws OnnxFormatException {
    List<Long> dims = new ArrayList<>();
    int dataType = 0;
    String name = "";
    ByteBuffer raw = null;
    List<Float> floatData = new ArrayList<>();
    boolean external = false;
    while (tensor.hasNext()) {
      int field = tensor.next();
      switch (field) {
        case OnnxProto.TENSOR_DIMS -> tensor.int64s(dims);
        case OnnxProto.TENSOR_DATA_TYPE -> dataType = (int) tensor.varint();
        case OnnxProto.TENSOR_NAME -> name = tensor.string();
        case OnnxProto.TENSOR_RAW_DATA -> raw = tensor.bytes();
        case TENSOR_FLOAT_DATA -> {
          if (tensor.wireType() == ProtoOutput.LENGTH_DELIMITED) {
            ByteBuffer packed = tensor.bytes();
            while (packed.remaining() >= 4) {
              floatData.add(packed.getFloat());
            }
          } else {
            floatData.add(tensor.fixed32());
          }
        }
        case TENSOR_DATA_LOCATION -> external = tensor.varint() == 1;
        default -> tensor.skip();
      }
    }
    return new Initializer(whole, name, dataType, dims.stream().mapToLong(Long::longValue).toArray(), raw,
        floatData, external);
  }
}
