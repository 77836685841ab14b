package dev.askpage.models;

import static dev.askpage.models.onnx.OnnxAttribute.of;

import dev.askpage.models.onnx.OnnxGraph;
import dev.askpage.models.onnx.OnnxTensor;
import dev.askpage.models.onnx.OnnxType;
import java.util.List;

/**
 * Builds a model whose answer is known in advance: a start logit of +10 exactly where {@code input_ids} is the start
 * token, an end logit of +10 where it is the end token, and -10 elsewhere.
 *
 * <p>[CLS] gets 0 in both, so when the words are absent the no-answer score (start + end at [CLS], 0) beats every span
 * (-20) and when they are present a span (+20) beats no-answer. Padded positions ({@code attention_mask} 0) always get
 * -10. {@code token_type_ids} is multiplied by 0 and added, so it stays a real input without changing any logit. The
 * same logits come out in every {@link OracleShape}.
 */
final class OracleModelWriter {
  static final float HIGH = 10f;
  static final float LOW = -10f;

  private OracleModelWriter() {}

  /** The graph; {@code clsId} is the [CLS] token id, or -1 for none. */
  static OnnxGraph graph(long startId, long endId, long clsId, OracleShape shape) {
    OnnxGraph graph = new OnnxGraph("oracle_qa");
    OnnxType inputType = shape.int32 ? OnnxType.INT32 : OnnxType.INT64;
    String ids = asInt64(graph, shape, graph.input(shape.ids, inputType, shape.batch, shape.sequence));
    String mask = asInt64(graph, shape, graph.input(shape.mask, inputType, shape.batch, shape.sequence));
    String types = shape.types == null ? null
        : asInt64(graph, shape, graph.input(shape.types, inputType, shape.batch, shape.sequence));
    List<String> outputNames = declareOutputs(graph, shape);

    String maskFloat = toFloat(graph, mask);
    String cls = graph.op("Mul", indicator(graph, ids, "cls_id", clsId), maskFloat);
    String base = graph.op("Mul", cls, graph.constant("cls_lift", OnnxTensor.scalar(-LOW)));
    if (types != null) {
      String zero = graph.constant("zero", OnnxTensor.scalar(0f));
      base = graph.op("Add", base, graph.op("Mul", toFloat(graph, types), zero));
    }
    base = graph.op("Add", base, graph.constant("low", OnnxTensor.scalar(LOW)));
    String lift = graph.constant("lift", OnnxTensor.scalar(HIGH - LOW));

    String start = logits(graph, indicator(graph, ids, "start_id", startId), maskFloat, lift, base);
    String end = logits(graph, indicator(graph, ids, "end_id", endId), maskFloat, lift, base);
    if (shape.singleLogits) {
      String axis = graph.constant("last_axis", OnnxTensor.vector(2));
      graph.node("Concat", List.of(graph.op("Unsqueeze", start, axis), graph.op("Unsqueeze", end, axis)),
          outputNames, List.of(of("axis", 2)));
    } else {
      graph.node("Identity", List.of(start), List.of(outputNames.get(0)), List.of());
      graph.node("Identity", List.of(end), List.of(outputNames.get(1)), List.of());
    }
    return graph;
  }

  /** Declares the outputs in the shape's order and returns their names as [start, end] (or [logits]). */
  private static List<String> declareOutputs(OnnxGraph graph, OracleShape shape) {
    if (shape.singleLogits) {
      graph.output("logits", OnnxType.FLOAT, shape.batch, shape.sequence, 2);
      return List.of("logits");
    }
    String suffix = shape.tensorflowOutputs ? ":0" : "";
    List<String> names = List.of("start_logits" + suffix, "end_logits" + suffix);
    List<String> declared = shape.tensorflowOutputs ? List.of(names.get(1), names.get(0)) : names;
    for (String name : declared) {
      graph.output(name, OnnxType.FLOAT, shape.batch, shape.sequence);
    }
    return names;
  }

  private static String logits(OnnxGraph graph, String hit, String mask, String lift, String base) {
    String lifted = graph.op("Mul", graph.op("Mul", hit, mask), lift);
    return graph.op("Add", lifted, base);
  }

  /** 1.0 where {@code ids} equals the token, else 0.0. */
  private static String indicator(OnnxGraph graph, String ids, String name, long token) {
    String equal = graph.op("Equal", ids, graph.constant(name, OnnxTensor.int64s(new long[0], token)));
    return toFloat(graph, equal);
  }

  private static String asInt64(OnnxGraph graph, OracleShape shape, String input) {
    return shape.int32 ? graph.op("Cast", List.of(of("to", OnnxType.INT64.code())), input) : input;
  }

  private static String toFloat(OnnxGraph graph, String value) {
    return graph.op("Cast", List.of(of("to", OnnxType.FLOAT.code())), value);
  }
}
