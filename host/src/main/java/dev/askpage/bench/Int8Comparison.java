package dev.askpage.bench;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * int8 against fp32 on the same windows, measured in one process with the two sessions alternating.
 *
 * @param questions SQuAD questions asked in page mode (each of its whole article)
 * @param windows windows read (the engine's batches)
 * @param fp32Ms total inference time of the fp32 session on those batches
 * @param int8Ms total inference time of the int8 session on the same batches
 * @param singleWindowQuestions questions timed on one window alone (batch of 1)
 * @param fp32SingleMs total fp32 time on single windows
 * @param int8SingleMs total int8 time on the same single windows
 * @param cosine cosine similarity of the mean-centred start and end logits, all windows pooled
 * @param minWindowCosine the lowest per-window cosine
 * @param meanWindowCosine the mean per-window cosine
 * @param sameTopSpan questions whose top answer span is the same under both
 * @param fp32Bytes size of model.onnx
 * @param int8Bytes size of the int8 file
 * @param fp32LoadMs session creation, fp32 (median of the interleaved loads)
 * @param int8LoadMs session creation, int8 (median of the interleaved loads)
 * @param threads intra-op threads of both sessions
 * @param cpu the CPU model
 * @param loadAverage the machine's 1-minute load average at the start and end of the comparison
 */
public record Int8Comparison(int questions, int windows, double fp32Ms, double int8Ms, int singleWindowQuestions,
    double fp32SingleMs, double int8SingleMs, double cosine, double minWindowCosine, double meanWindowCosine,
    int sameTopSpan, long fp32Bytes, long int8Bytes, double fp32LoadMs, double int8LoadMs, int threads, String cpu,
    double[] loadAverage) {
  /** The speed target: int8 at least this many times faster than fp32 on the same windows. */
  public static final double SPEEDUP_TARGET = 1.5;
  /** The fidelity target for the pooled logit cosine. */
  public static final double COSINE_TARGET = 0.99;

  public double speedup() {
    return fp32Ms / int8Ms;
  }

  public double singleWindowSpeedup() {
    return fp32SingleMs / int8SingleMs;
  }

  /** The section of the benchmark report. */
  public String toMarkdown() {
    StringBuilder md = new StringBuilder();
    md.append("## int8 against fp32 (same windows, sessions alternating)\n\n");
    md.append(String.format(Locale.ROOT, "%s, %d intra-op threads, load average %.1f at the start and %.1f at the end "
        + "(other work was running: ratios from interleaved runs, not absolute times, are the figures).%n%n",
        cpu, threads, loadAverage[0], loadAverage[1]));
    md.append("| measure | fp32 | int8 | int8 vs fp32 | target |\n| --- | --- | --- | --- | --- |\n");
    md.append(String.format(Locale.ROOT, "| inference, %d questions, %d windows (engine batches) | %.0f ms | %.0f ms | "
        + "**%.2f× faster** | ≥ %.1f× %s |%n", questions, windows, fp32Ms, int8Ms, speedup(), SPEEDUP_TARGET,
        speedup() >= SPEEDUP_TARGET ? "met" : "NOT met"));
    md.append(String.format(Locale.ROOT, "| inference, one window alone, %d questions | %.0f ms | %.0f ms | "
        + "%.2f× faster | - |%n", singleWindowQuestions, fp32SingleMs, int8SingleMs, singleWindowSpeedup()));
    md.append(String.format(Locale.ROOT, "| model file | %.1f MB | %.1f MB | %.2f× smaller | - |%n", fp32Bytes / 1e6,
        int8Bytes / 1e6, (double) fp32Bytes / int8Bytes));
    md.append(String.format(Locale.ROOT, "| session creation (median) | %.0f ms | %.0f ms | %.2f× | - |%n", fp32LoadMs,
        int8LoadMs, fp32LoadMs / int8LoadMs));
    md.append(String.format(Locale.ROOT, "| logit cosine (mean-centred start and end, pooled over windows) | - | - | "
        + "**%.4f** (per window: mean %.4f, min %.4f) | ≥ %.2f %s |%n", cosine, meanWindowCosine, minWindowCosine,
        COSINE_TARGET, cosine >= COSINE_TARGET ? "met" : "NOT met"));
    md.append(String.format(Locale.ROOT, "| same top answer span (for information) | - | - | %d of %d | - |%n%n",
        sameTopSpan, questions));
    md.append("On random weights the top spans are near-ties, so span agreement is low even for a faithful rewrite; "
        + "the logits are the measure. int8 accuracy with the real weights is not measured here: "
        + "`askpage eval --model FP32_DIR --compare INT8_DIR --squad dev-v2.0.json --page-mode` measures it.\n");
    return md.toString();
  }

  /** Writes {@code int8.json} and {@code int8.md} into the report folder. */
  public void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    String json = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create().toJson(this);
    Files.writeString(dir.resolve("int8.json"), json + "\n", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("int8.md"), toMarkdown(), StandardCharsets.UTF_8);
  }
}
