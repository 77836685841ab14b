package dev.askpage.models.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How to feed and read one question-answering export, found from its declared inputs and outputs (never its file name).
 *
 * <p>Accepted: inputs {@code input_ids}, {@code attention_mask} or {@code input_mask}, and optionally
 * {@code token_type_ids} or {@code segment_ids} (each may carry a TensorFlow {@code :0} suffix), int64 or int32, shape
 * [batch, sequence] with either dimension fixed or dynamic; outputs {@code start_logits} and {@code end_logits} (in any
 * order, names may carry a suffix) of shape [batch, sequence], or one {@code logits} output [batch, sequence, 2].
 *
 * @param ids the token id input
 * @param mask the attention mask input
 * @param types the token type input, or null when the model has none (DistilBERT-style)
 * @param fixedBatch the batch size the model requires, or 0 when dynamic
 * @param fixedSequence the sequence length the model requires, or 0 when dynamic
 * @param start the start logits output, or null with {@code logits}
 * @param end the end logits output, or null with {@code logits}
 * @param logits the single [batch, sequence, 2] output, or null with {@code start} and {@code end}
 */
public record QaExport(Feed ids, Feed mask, Feed types, int fixedBatch, int fixedSequence, String start, String end,
    String logits) {

  /** What askpage accepts, for error messages. */
  public static final String ACCEPTED = "askpage accepts inputs input_ids (or input_word_ids), attention_mask (or "
      + "input_mask) and optionally token_type_ids (or segment_ids, input_type_ids), each int64 or int32 of shape "
      + "[batch, sequence] (fixed or dynamic, names may end in :0), and outputs start_logits and end_logits of shape "
      + "[batch, sequence] (names may carry a suffix) or one output logits of shape [batch, sequence, 2]";

  // TensorFlow Hub's BERT encoders call the ids and types input_word_ids and input_type_ids.
  private static final List<String> ID_NAMES = List.of("input_ids", "input_word_ids");
  private static final List<String> MASK_NAMES = List.of("attention_mask", "input_mask");
  private static final List<String> TYPE_NAMES = List.of("token_type_ids", "segment_ids", "input_type_ids");

  /**
   * One input the engine fills.
   *
   * @param name the model's name for it
   * @param int32 whether it takes int32 (else int64)
   */
  public record Feed(String name, boolean int32) {}

  /** Whether the model gives one [batch, sequence, 2] output rather than two. */
  public boolean singleLogits() {
    return logits != null;
  }

  /** The model's output names the engine reads. */
  public List<String> outputNames() {
    return logits != null ? List.of(logits) : List.of(start, end);
  }

  /** Finds the mapping, or says what is wrong and what askpage accepts. */
  public static QaExport of(List<ExportTensor> inputs, List<ExportTensor> outputs) throws UnsupportedExportException {
    List<ExportTensor> left = new ArrayList<>(inputs);
    ExportTensor ids = take(left, ID_NAMES);
    ExportTensor mask = take(left, MASK_NAMES);
    ExportTensor types = take(left, TYPE_NAMES);
    if (ids == null || mask == null) {
      throw unsupported("it has no " + (ids == null ? "input_ids" : "attention_mask or input_mask") + " input",
          inputs, outputs);
    }
    if (!left.isEmpty()) {
      throw unsupported("askpage cannot feed the input" + (left.size() > 1 ? "s " : " ")
          + String.join(", ", left.stream().map(ExportTensor::name).toList()), inputs, outputs);
    }
    long batch = ExportTensor.DYNAMIC;
    long sequence = ExportTensor.DYNAMIC;
    List<Feed> feeds = new ArrayList<>();
    for (ExportTensor input : types == null ? List.of(ids, mask) : List.of(ids, mask, types)) {
      if (!input.type().equals("int64") && !input.type().equals("int32")) {
        throw unsupported("input " + input.name() + " is " + input.type() + ", not int64 or int32", inputs, outputs);
      }
      if (input.rank() != 2) {
        throw unsupported("input " + input.name() + " has rank " + input.rank() + ", not [batch, sequence]", inputs,
            outputs);
      }
      batch = agree(batch, input.dim(0), "batch size", inputs, outputs);
      sequence = agree(sequence, input.dim(1), "sequence length", inputs, outputs);
      feeds.add(new Feed(input.name(), input.type().equals("int32")));
    }
    if (sequence >= 0 && sequence < 16) {
      throw unsupported("its fixed sequence length " + sequence + " is too short for a question and a passage", inputs,
          outputs);
    }
    int fixedBatch = batch < 0 ? 0 : (int) batch;
    int fixedSequence = sequence < 0 ? 0 : (int) sequence;
    Feed typeFeed = types == null ? null : feeds.get(2);

    ExportTensor startOut = outputStartingWith(outputs, "start_logits");
    ExportTensor endOut = outputStartingWith(outputs, "end_logits");
    if (startOut != null && endOut != null) {
      for (ExportTensor out : List.of(startOut, endOut)) {
        checkFloat(out, 2, inputs, outputs);
      }
      return new QaExport(feeds.get(0), feeds.get(1), typeFeed, fixedBatch, fixedSequence, startOut.name(),
          endOut.name(), null);
    }
    Optional<ExportTensor> logits = outputs.stream().filter(o -> o.baseName().equals("logits")).findFirst();
    if (logits.isPresent() && startOut == null && endOut == null) {
      ExportTensor out = logits.get();
      checkFloat(out, 3, inputs, outputs);
      if (out.dim(2) != 2) {
        throw unsupported("output " + out.name() + " has " + out.dim(2) + " values per position, not 2 (start, end)",
            inputs, outputs);
      }
      return new QaExport(feeds.get(0), feeds.get(1), typeFeed, fixedBatch, fixedSequence, null, null, out.name());
    }
    throw unsupported("it has no start_logits and end_logits outputs, nor one logits output", inputs, outputs);
  }

  /** The mapping as model.json records it and the doctor shows it. */
  public Map<String, String> describe() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("inputIds", ids.name());
    d.put("attentionMask", mask.name());
    if (types != null) {
      d.put("tokenTypeIds", types.name());
    }
    d.put("inputType", ids.int32() ? "int32" : "int64");
    d.put("batch", fixedBatch == 0 ? "dynamic" : Integer.toString(fixedBatch));
    d.put("sequence", fixedSequence == 0 ? "dynamic" : Integer.toString(fixedSequence));
    if (logits != null) {
      d.put("logits", logits);
    } else {
      d.put("startLogits", start);
      d.put("endLogits", end);
    }
    return d;
  }

  /** One line of {@code key=value} pairs, as the doctor prints the mapping. */
  public String summary() {
    return String.join(", ", describe().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
  }

  private static ExportTensor take(List<ExportTensor> left, List<String> names) {
    for (ExportTensor t : left) {
      if (names.contains(t.baseName())) {
        left.remove(t);
        return t;
      }
    }
    return null;
  }

  private static ExportTensor outputStartingWith(List<ExportTensor> outputs, String prefix) {
    return outputs.stream().filter(o -> o.name().startsWith(prefix)).findFirst().orElse(null);
  }

  private static long agree(long known, long dim, String what, List<ExportTensor> inputs, List<ExportTensor> outputs)
      throws UnsupportedExportException {
    if (dim == 0 || dim < ExportTensor.DYNAMIC) {
      throw unsupported("an input has a " + what + " of " + dim, inputs, outputs);
    }
    if (dim < 0) {
      return known;
    }
    if (known >= 0 && known != dim) {
      throw unsupported("its inputs disagree on the " + what + " (" + known + " and " + dim + ")", inputs, outputs);
    }
    return dim;
  }

  private static void checkFloat(ExportTensor out, int rank, List<ExportTensor> inputs, List<ExportTensor> outputs)
      throws UnsupportedExportException {
    if (!out.type().equals("float")) {
      throw unsupported("output " + out.name() + " is " + out.type() + ", not float", inputs, outputs);
    }
    if (out.rank() != rank) {
      throw unsupported("output " + out.name() + " has rank " + out.rank() + ", not " + rank, inputs, outputs);
    }
  }

  private static UnsupportedExportException unsupported(String why, List<ExportTensor> inputs,
      List<ExportTensor> outputs) {
    return new UnsupportedExportException("not a question-answering export askpage can run: " + why
        + ". The model has inputs " + inputs + " and outputs " + outputs + "; " + ACCEPTED + ".");
  }
}
