package dev.askpage.models;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The export shapes the oracle model can be written in: the default one and each variation askpage adapts to, so that
 * each is proven by a model whose answer is known.
 */
public enum OracleShape {
  /** Dynamic [batch, sequence], int64 input_ids/attention_mask/token_type_ids, start_logits and end_logits. */
  DEFAULT("input_ids", "attention_mask", "token_type_ids", false, "batch", "sequence", false, false),
  /** Every input fixed at 384 positions, as many TensorFlow and TFLite-derived exports are. */
  FIXED_384("input_ids", "attention_mask", "token_type_ids", false, "batch", 384, false, false),
  /** Every input fixed at 256 positions, shorter than askpage's 336-token windows: windows are planned to fit. */
  FIXED_256("input_ids", "attention_mask", "token_type_ids", false, "batch", 256, false, false),
  /** A fixed batch of one. */
  BATCH_1("input_ids", "attention_mask", "token_type_ids", false, 1, "sequence", false, false),
  /** int32 inputs. */
  INT32("input_ids", "attention_mask", "token_type_ids", true, "batch", "sequence", false, false),
  /** TensorFlow's names (input_mask, segment_ids) with tf2onnx's :0 suffixes, outputs end first, int32, [1, 384]. */
  TENSORFLOW("input_ids:0", "input_mask:0", "segment_ids:0", true, 1, 384, true, false),
  /** One output logits [batch, sequence, 2]. */
  LOGITS("input_ids", "attention_mask", "token_type_ids", false, "batch", "sequence", false, true),
  /** No token_type_ids input (DistilBERT-style). */
  NO_TOKEN_TYPES("input_ids", "attention_mask", null, false, "batch", "sequence", false, false);

  final String ids;
  final String mask;
  final String types;
  final boolean int32;
  final Object batch;
  final Object sequence;
  /** Outputs end_logits:0 then start_logits:0 (TensorFlow's suffix, reversed order). */
  final boolean tensorflowOutputs;
  final boolean singleLogits;

  OracleShape(String ids, String mask, String types, boolean int32, Object batch, Object sequence,
      boolean tensorflowOutputs, boolean singleLogits) {
    this.ids = ids;
    this.mask = mask;
    this.types = types;
    this.int32 = int32;
    this.batch = batch;
    this.sequence = sequence;
    this.tensorflowOutputs = tensorflowOutputs;
    this.singleLogits = singleLogits;
  }

  /** The graph's input names, as model.json lists them. */
  List<String> inputNames() {
    return types == null ? List.of(ids, mask) : List.of(ids, mask, types);
  }

  /** The graph's output names in declaration order, as model.json lists them. */
  List<String> outputNames() {
    if (singleLogits) {
      return List.of("logits");
    }
    return tensorflowOutputs ? List.of("end_logits:0", "start_logits:0") : List.of("start_logits", "end_logits");
  }

  /** The shape's command-line name: {@code fixed-384}, {@code tensorflow}, ... */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The shape with that command-line name. */
  public static OracleShape ofCliName(String name) {
    return Arrays.stream(values()).filter(s -> s.cliName().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no oracle shape " + name + "; one of "
            + String.join(", ", Arrays.stream(values()).map(OracleShape::cliName).toList())));
  }
}
