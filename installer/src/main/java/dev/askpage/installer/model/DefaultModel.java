package dev.askpage.installer.model;

import java.util.List;

/**
 * The catalog's default model, as a {@link ModelSpec}.
 *
 * <p>Provisional: until {@code dev.askpage.models.ModelCatalog} lands on main this holds the id and the graph
 * signature the host expects; the URLs and pins then come from the catalog (this class becomes a two-line adapter).
 */
public final class DefaultModel {
  /** The default model's id, also its folder name under {@code UserDirs.modelsDir()}. */
  public static final String ID = "mobilebert-uncased-squad-v2";
  private static final String BASE = "https://huggingface.co/askpage/" + ID + "/resolve/main/";

  private DefaultModel() {}

  /** The default model. */
  public static ModelSpec spec() {
    return new ModelSpec(ID, "main",
        List.of(new ModelSpec.FileSpec(ModelSpec.ONNX_FILE, BASE + ModelSpec.ONNX_FILE, -1, null),
            new ModelSpec.FileSpec(ModelSpec.VOCAB_FILE, BASE + ModelSpec.VOCAB_FILE, -1, null)),
        List.of("input_ids", "attention_mask", "token_type_ids"), List.of("start_logits", "end_logits"));
  }
}
