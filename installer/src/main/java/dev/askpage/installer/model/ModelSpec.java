package dev.askpage.installer.model;

import java.util.List;

/**
 * What the installer needs to know about a model: the files to fetch with their pins, and the graph's expected inputs
 * and outputs. Adapted from {@code dev.askpage.models.ModelCatalog} (see {@link DefaultModel}).
 */
public record ModelSpec(String id, String revision, List<FileSpec> files, List<String> inputs, List<String> outputs) {
  /** The name of the ONNX file inside a model folder. */
  public static final String ONNX_FILE = "model.onnx";
  /** The name of the vocabulary inside a model folder. */
  public static final String VOCAB_FILE = "vocab.txt";
  /** The name of the description written beside them. */
  public static final String JSON_FILE = "model.json";

  /** A spec with copies of its lists. */
  public ModelSpec {
    files = List.copyOf(files);
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  /**
   * One file of a model.
   *
   * @param name the file's name in the model folder ({@code model.onnx}, {@code vocab.txt})
   * @param url where to download it from
   * @param size its size in bytes, or -1 when unknown
   * @param sha256 its pinned SHA-256 in lower-case hex, or {@code null}: recorded at first download
   */
  public record FileSpec(String name, String url, long size, String sha256) {}

  /** This spec with every file's URL replaced by {@code base + name} (tests and mirrors). */
  public ModelSpec withUrlBase(String base) {
    String prefix = base.endsWith("/") ? base : base + "/";
    return new ModelSpec(id, revision, files.stream()
        .map(f -> new FileSpec(f.name(), prefix + f.name(), f.size(), f.sha256())).toList(), inputs, outputs);
  }
}
