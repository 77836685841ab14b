package dev.askpage.models;

import static dev.askpage.models.onnx.OnnxAttribute.of;
import static dev.askpage.models.onnx.OnnxAttribute.ofInts;

import dev.askpage.models.onnx.OnnxGraph;
import dev.askpage.models.onnx.OnnxTensor;
import dev.askpage.models.onnx.OnnxType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Builds the graph of MobileBertForQuestionAnswering (as in Hugging Face's {@code modeling_mobilebert}) with seeded random
 * weights: the real model's shape, inputs, outputs and cost, with meaningless answers.
 *
 * <p>Per layer: a shared key/query bottleneck and an input bottleneck (Linear + NoNorm), self-attention whose values come
 * from the full hidden state, the stacked feed-forward networks, then the output bottleneck back to the hidden size.
 * Linear layers are MatMul with [in, out] weights followed by Add, the pattern ONNX Runtime fuses.
 */
final class MobileBertWriter {
  static final List<String> INPUTS = List.of("input_ids", "attention_mask", "token_type_ids");
  static final List<String> OUTPUTS = List.of("start_logits", "end_logits");

  private static final double INIT_STD = 0.02;
  private static final float MASKED = -10000f;

  private final MobileBertShape shape;
  private final int vocab;
  private final SplittableRandom seeds;
  private final OnnxGraph graph = new OnnxGraph("mobilebert_qa");
  private final Map<String, String> constants = new HashMap<>();

  private MobileBertWriter(MobileBertShape shape, int vocab, long seed) {
    this.shape = shape;
    this.vocab = vocab;
    this.seeds = new SplittableRandom(seed);
  }

  /** The graph for a shape, vocabulary size and seed; the same arguments give the same bytes. */
  static OnnxGraph graph(MobileBertShape shape, int vocab, long seed) {
    return new MobileBertWriter(shape, vocab, seed).build();
  }

  private OnnxGraph build() {
    String ids = graph.input("input_ids", OnnxType.INT64, "batch", "sequence");
    String mask = graph.input("attention_mask", OnnxType.INT64, "batch", "sequence");
    String types = graph.input("token_type_ids", OnnxType.INT64, "batch", "sequence");
    graph.output("start_logits", OnnxType.FLOAT, "batch", "sequence");
    graph.output("end_logits", OnnxType.FLOAT, "batch", "sequence");

    String hidden = embeddings(ids, types);
    String additiveMask = additiveMask(mask);
    for (int layer = 0; layer < shape.layers(); layer++) {
      hidden = layer("encoder.layer." + layer, hidden, additiveMask);
    }
    questionAnswering(hidden);
    return graph;
  }

  /** Trigram word embeddings projected to the hidden size, plus position and token type embeddings, then NoNorm. */
  private String embeddings(String ids, String types) {
    int e = shape.embedding();
    String words = graph.op("Gather", weight("embeddings.word_embeddings", INIT_STD, vocab, e), ids);
    // [next token, this token, previous token], zero past either end of the sequence.
    String one = constant("one", 1);
    String minusOne = constant("minus_one", -1);
    String zero = constant("zero", 0);
    String end = constant("int64_max", Long.MAX_VALUE);
    String axis1 = constant("axis_1", 1);
    String next = graph.op("Slice", words, one, end, axis1);
    next = graph.op("Pad", next, graph.constant("pad_after", OnnxTensor.vector(0, 0, 0, 0, 1, 0)));
    String previous = graph.op("Slice", words, zero, minusOne, axis1);
    previous = graph.op("Pad", previous, graph.constant("pad_before", OnnxTensor.vector(0, 1, 0, 0, 0, 0)));
    String trigram = graph.op("Concat", List.of(of("axis", 2)), next, words, previous);
    String x = linear(trigram, "embeddings.embedding_transformation", 3 * e, shape.hidden());

    String positionTable = weight("embeddings.position_embeddings", INIT_STD, shape.maxPositions(), shape.hidden());
    String length = graph.op("Shape", List.of(of("start", 1), of("end", 2)), ids);
    String positions = graph.op("Slice", positionTable, zero, length, constant("axis_0", 0));
    String typeTable = weight("embeddings.token_type_embeddings", INIT_STD, shape.typeVocab(), shape.hidden());
    String typeEmbeddings = graph.op("Gather", typeTable, types);
    x = graph.op("Add", x, positions);
    x = graph.op("Add", x, typeEmbeddings);
    return noNorm(x, "embeddings.LayerNorm", shape.hidden());
  }

  /** [batch, 1, 1, sequence]: 0 where the mask is 1, -10000 where it is 0, added to every attention score. */
  private String additiveMask(String mask) {
    String maskFloat = graph.op("Cast", List.of(of("to", OnnxType.FLOAT.code())), mask);
    String inverted = graph.op("Sub", graph.constant("one_float", OnnxTensor.scalar(1f)), maskFloat);
    String scaled = graph.op("Mul", inverted, graph.constant("masked_score", OnnxTensor.scalar(MASKED)));
    return graph.op("Unsqueeze", scaled, graph.constant("axes_1_2", OnnxTensor.vector(1, 2)));
  }

  private String layer(String name, String hidden, String additiveMask) {
    int t = shape.trueHidden();
    // Bottleneck: the layer input and the shared key/query input, both narrowed to the bottleneck size.
    String layerInput = noNorm(linear(hidden, name + ".bottleneck.input.dense", shape.hidden(), t),
        name + ".bottleneck.input.LayerNorm", t);
    String sharedQueryKey = noNorm(linear(hidden, name + ".bottleneck.attention.dense", shape.hidden(), t),
        name + ".bottleneck.attention.LayerNorm", t);

    String context = selfAttention(name + ".attention.self", sharedQueryKey, hidden, additiveMask);
    String attentionOutput = linear(context, name + ".attention.output.dense", t, t);
    attentionOutput = noNorm(graph.op("Add", attentionOutput, layerInput), name + ".attention.output.LayerNorm", t);

    for (int i = 0; i < shape.feedForwardNetworks() - 1; i++) {
      String ffn = name + ".ffn." + i;
      String inner = graph.op("Relu", linear(attentionOutput, ffn + ".intermediate.dense", t, shape.intermediate()));
      String out = linear(inner, ffn + ".output.dense", shape.intermediate(), t);
      attentionOutput = noNorm(graph.op("Add", out, attentionOutput), ffn + ".output.LayerNorm", t);
    }

    String intermediate = graph.op("Relu", linear(attentionOutput, name + ".intermediate.dense", t,
        shape.intermediate()));
    String output = linear(intermediate, name + ".output.dense", shape.intermediate(), t);
    output = noNorm(graph.op("Add", output, attentionOutput), name + ".output.LayerNorm", t);
    String widened = linear(output, name + ".output.bottleneck.dense", t, shape.hidden());
    return noNorm(graph.op("Add", widened, hidden), name + ".output.bottleneck.LayerNorm", shape.hidden());
  }

  /** Multi-head attention: query and key from the shared bottleneck, value from the full hidden state. */
  private String selfAttention(String name, String queryKeyInput, String hidden, String additiveMask) {
    int t = shape.trueHidden();
    String splitHeads = constantOnce("split_heads", OnnxTensor.vector(0, 0, shape.heads(), shape.headSize()));
    String query = graph.op("Reshape", linear(queryKeyInput, name + ".query", t, t), splitHeads);
    String key = graph.op("Reshape", linear(queryKeyInput, name + ".key", t, t), splitHeads);
    String value = graph.op("Reshape", linear(hidden, name + ".value", shape.hidden(), t), splitHeads);
    query = graph.op("Transpose", List.of(ofInts("perm", 0, 2, 1, 3)), query);
    key = graph.op("Transpose", List.of(ofInts("perm", 0, 2, 3, 1)), key);
    value = graph.op("Transpose", List.of(ofInts("perm", 0, 2, 1, 3)), value);

    String scores = graph.op("MatMul", query, key);
    String scale = constantOnce("attention_scale", OnnxTensor.scalar((float) (1.0 / Math.sqrt(shape.headSize()))));
    scores = graph.op("Add", graph.op("Mul", scores, scale), additiveMask);
    String probabilities = graph.op("Softmax", List.of(of("axis", -1)), scores);
    String context = graph.op("MatMul", probabilities, value);
    context = graph.op("Transpose", List.of(ofInts("perm", 0, 2, 1, 3)), context);
    return graph.op("Reshape", context, constantOnce("merge_heads", OnnxTensor.vector(0, 0, t)));
  }

  /** Linear(hidden, 2), split into start and end logits of shape [batch, sequence]. */
  private void questionAnswering(String hidden) {
    String logits = linear(hidden, "qa_outputs", shape.hidden(), 2);
    graph.node("Split", List.of(logits, graph.constant("split_1_1", OnnxTensor.vector(1, 1))),
        List.of("start_logits_3d", "end_logits_3d"), List.of(of("axis", 2)));
    String lastAxis = graph.constant("axis_2", OnnxTensor.vector(2));
    graph.node("Squeeze", List.of("start_logits_3d", lastAxis), List.of("start_logits"), List.of());
    graph.node("Squeeze", List.of("end_logits_3d", lastAxis), List.of("end_logits"), List.of());
  }

  private String linear(String x, String name, int in, int out) {
    String product = graph.op("MatMul", x, weight(name + ".weight", INIT_STD, in, out));
    return graph.op("Add", product, weight(name + ".bias", INIT_STD, out));
  }

  /** MobileBERT's NoNorm: an element-wise {@code x * weight + bias}; weights start near 1. */
  private String noNorm(String x, String name, int size) {
    String scaled = graph.op("Mul", x, graph.weight(name + ".weight",
        OnnxTensor.normal(new long[] {size}, seeds.nextLong(), 1.0, INIT_STD)));
    return graph.op("Add", scaled, weight(name + ".bias", INIT_STD, size));
  }

  private String weight(String name, double std, long... dims) {
    return graph.weight(name, OnnxTensor.normal(dims, seeds.nextLong(), 0.0, std));
  }

  private String constant(String name, long value) {
    return constantOnce(name, OnnxTensor.vector(value));
  }

  private String constantOnce(String name, OnnxTensor tensor) {
    return constants.computeIfAbsent(name, n -> graph.constant(n, tensor));
  }
}
