package dev.askpage.models;

import java.util.List;
import java.util.Optional;

/**
 * A real model users can download, as listed in the catalog.
 *
 * @param revision the pinned commit of the source repository, or null when not pinned yet (then {@link #url} uses
 *     {@code main})
 * @param urlTemplate the download address with {@code {revision}} and {@code {file}} placeholders
 */
public record CatalogModel(
    String id,
    String name,
    String repository,
    String homepage,
    String licence,
    String revision,
    String urlTemplate,
    List<String> inputs,
    List<String> outputs,
    int maxSequenceLength,
    boolean predictsNoAnswer,
    List<CatalogFile> files,
    double exactMatch,
    double f1) {

  /** The branch downloaded while no revision is pinned. */
  public static final String UNPINNED_REVISION = "main";

  public CatalogModel {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    files = List.copyOf(files);
  }

  /** Whether downloads are pinned to one commit (rather than to a moving branch). */
  public boolean pinned() {
    return revision != null;
  }

  /** The download address of a file at the pinned revision ({@code main} when unpinned). */
  public String url(String file) {
    return urlTemplate
        .replace("{revision}", pinned() ? revision : UNPINNED_REVISION)
        .replace("{file}", file);
  }

  /** The catalog entry of a file, such as {@code model.onnx}. */
  public Optional<CatalogFile> file(String name) {
    return files.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /** The {@code model.json} for a downloaded copy, given the SHA-256 of its {@code model.onnx} (or null). */
  public ModelManifest manifest(String modelSha256) {
    String source = "https://huggingface.co/" + repository + (pinned() ? " at revision " + revision : " (main)");
    return new ModelManifest(id, source, licence, inputs, outputs, maxSequenceLength, predictsNoAnswer, modelSha256,
        null);
  }

  /**
   * One downloadable file.
   *
   * @param sha256 expected hex SHA-256, or null meaning "record it at first download"
   */
  public record CatalogFile(String name, long approximateBytes, String sha256) {}
}
