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
 * -10. {@code token_type_ids} is multiplied by 0 and added, so it stays a real input without changing any logit.
 */
final class OracleModelWriter {
  static final float HIGH = 10f;
  static final float LOW = -10f;

  private OracleModelWriter() {}

  /** The graph; {@code clsId} is the [CLS] token id, or -1 for none. */
  static OnnxGraph graph(long startId, long endId, long clsId) {
    OnnxGraph graph = new OnnxGraph("oracle_qa");
    String ids = graph.input("input_ids", OnnxType.INT64, "batch", "sequence");
    String mask = graph.input("attention_mask", OnnxType.INT64, "batch", "sequence");
    String types = graph.input("token_type_ids", OnnxType.INT64, "batch", "sequence");
    graph.output("start_logits", OnnxType.FLOAT, "batch", "sequence");
    graph.output("end_logits", OnnxType.FLOAT, "batch", "sequence");

    String maskFloat = toFloat(graph, mask);
    String typeTerm = graph.op("Mul", toFloat(graph, types), graph.constant("zero", OnnxTensor.scalar(0f)));
    String cls = graph.op("Mul", indicator(graph, ids, "cls_id", clsId), maskFloat);
    String clsTerm = graph.op("Mul", cls, graph.constant("cls_lift", OnnxTensor.scalar(-LOW)));
    String base = graph.op("Add", graph.op("Add", clsTerm, typeTerm), graph.constant("low", OnnxTensor.scalar(LOW)));
    String lift = graph.constant("lift", OnnxTensor.scalar(HIGH - LOW));

    logits(graph, "start_logits", indicator(graph, ids, "start_id", startId), maskFloat, lift, base);
    logits(graph, "end_logits", indicator(graph, ids, "end_id", endId), maskFloat, lift, base);
    return graph;
  }

  private static void logits(OnnxGraph graph, String name, String hit, String mask, String lift, String base) {
    String lifted = graph.op("Mul", graph.op("Mul", hit, mask), lift);
    graph.node("Add", List.of(lifted, base), List.of(name), List.of());
  }

  /** 1.0 where {@code ids} equals the token, else 0.0. */
  private static String indicator(OnnxGraph graph, String ids, String name, long token) {
    String equal = graph.op("Equal", ids, graph.constant(name, OnnxTensor.int64s(new long[0], token)));
    return toFloat(graph, equal);
  }

  private static String toFloat(OnnxGraph graph, String value) {
    return graph.op("Cast", List.of(of("to", OnnxType.FLOAT.code())), value);
  }
}
