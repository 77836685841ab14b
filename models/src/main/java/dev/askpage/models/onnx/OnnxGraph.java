package dev.askpage.models.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Builds an ONNX graph: typed inputs and outputs, named initializers and nodes in topological order. */
public final class OnnxGraph {
  private final String name;
  private final List<ValueInfo> inputs = new ArrayList<>();
  private final List<ValueInfo> outputs = new ArrayList<>();
  private final List<ValueInfo> valueInfos = new ArrayList<>();
  private final List<Initializer> initializers = new ArrayList<>();
  private final List<Node> nodes = new ArrayList<>();
  private final Set<String> names = new HashSet<>();
  private long parameterCount;
  private int counter;

  public OnnxGraph(String name) {
    this.name = name;
  }

  /**
   * Declares a graph input. Each dimension is a {@link String} (a symbolic, dynamic dimension such as {@code "batch"})
   * or a {@link Number} (a fixed size). Returns the name.
   */
  public String input(String name, OnnxType type, Object... dims) {
    claim(name);
    inputs.add(new ValueInfo(name, type, dims.clone()));
    return name;
  }

  /** Declares a graph output; some node must produce a value of that name. */
  public void output(String name, OnnxType type, Object... dims) {
    outputs.add(new ValueInfo(name, type, dims.clone()));
  }

  /** Declares the type and shape of an intermediate value, as shape inference writes {@code value_info}. */
  public void valueInfo(String name, OnnxType type, Object... dims) {
    valueInfos.add(new ValueInfo(name, type, dims.clone()));
  }

  /**
   * Lists an initializer among the graph inputs too, as exporters before IR version 4 did (it then acts as a default
   * that a caller may override).
   */
  public void listAsInput(String initializer, OnnxType type, Object... dims) {
    inputs.add(new ValueInfo(initializer, type, dims.clone()));
  }

  /** Adds a trained (here: generated) weight; it counts towards {@link #parameterCount()}. Returns the name. */
  public String weight(String name, OnnxTensor tensor) {
    parameterCount += tensor.elementCount();
    return initializer(name, tensor);
  }

  /** Adds a structural constant (a shape, an axis, a scale); it is not a parameter. Returns the name. */
  public String constant(String name, OnnxTensor tensor) {
    return initializer(name, tensor);
  }

  /** Adds a node with one output, named after the operator, and returns the output's name. */
  public String op(String opType, List<OnnxAttribute> attributes, String... inputs) {
    String output = opType + "_" + counter++;
    node(opType, List.of(inputs), List.of(output), attributes);
    return output;
  }

  /** Adds a node with one output and no attributes, and returns the output's name. */
  public String op(String opType, String... inputs) {
    return op(opType, List.of(), inputs);
  }

  /** Adds a node with named outputs (graph outputs, or several outputs). */
  public void node(String opType, List<String> inputs, List<String> outputs, List<OnnxAttribute> attributes) {
    for (String output : outputs) {
      claim(output);
    }
    nodes.add(new Node(opType + "_node_" + nodes.size(), opType, List.copyOf(inputs), List.copyOf(outputs),
        List.copyOf(attributes)));
  }

  /** The number of weight elements added with {@link #weight}. */
  public long parameterCount() {
    return parameterCount;
  }

  String name() {
    return name;
  }

  List<ValueInfo> inputs() {
    return inputs;
  }

  List<ValueInfo> outputs() {
    return outputs;
  }

  List<ValueInfo> valueInfos() {
    return valueInfos;
  }

  List<Initializer> initializers() {
    return initializers;
  }

  List<Node> nodes() {
    return nodes;
  }

  private String initializer(String name, OnnxTensor tensor) {
    claim(name);
    initializers.add(new Initializer(name, tensor));
    return name;
  }

  private void claim(String value) {
    if (!names.add(value)) {
      throw new IllegalArgumentException("name used twice in graph " + this.name + ": " + value);
    }
  }

  record ValueInfo(String name, OnnxType type, Object[] dims) {
    ValueInfo {
      for (Object dim : dims) {
        if (!(dim instanceof String) && !(dim instanceof Number)) {
          throw new IllegalArgumentException("dimension must be a String or a Number: " + Arrays.toString(dims));
        }
      }
    }
  }

  record Initializer(String name, OnnxTensor tensor) {}

  record Node(String name, String opType, List<String> inputs, List<String> outputs, List<OnnxAttribute> attributes) {}
}
