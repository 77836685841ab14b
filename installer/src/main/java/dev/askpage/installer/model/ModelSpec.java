package dev.askpage.installer.model;

import dev.askpage.models.CatalogModel;
import dev.askpage.models.ModelCatalog;
import dev.askpage.models.ModelDirectory;
import dev.askpage.models.ModelManifest;
import java.util.List;

/**
 * What the installer needs to know about a model: the folder it goes in, the files to fetch with their pins, and the
 * {@code model.json} to write (whose inputs and outputs the ONNX graph is checked against; its SHA-256 is filled in at
 * install). Made from the catalog ({@link #of(CatalogModel)}) or from a local model folder's own {@code model.json}.
 *
 * @param id the folder name under the models folder (the host looks for the catalog default's id)
 */
public record ModelSpec(String id, List<FileSpec> files, ModelManifest manifest) {
  /** A spec with a copy of its list. */
  public ModelSpec {
    files = List.copyOf(files);
  }

  /**
   * One file of a model.
   *
   * @param name the file's name in the model folder ({@code model.onnx}, {@code vocab.txt})
   * @param url where to download it from
   * @param sha256 its pinned SHA-256 in lower-case hex, or {@code null}: recorded at first download
   * @param approximateBytes its size as the catalog gives it, or 0 when not known
   */
  public record FileSpec(String name, String url, String sha256, long approximateBytes) {
    /** A file whose size is not known. */
    public FileSpec(String name, String url, String sha256) {
      this(name, url, sha256, 0);
    }

    /**
     * The most a download of this file may be: twice the catalog's size (a model re-exported with another opset
     * grows a little, never double), so that a server announcing 10^12 bytes is refused before anything is written.
     */
    public long maxBytes() {
      return approximateBytes > 0 ? 2 * approximateBytes : Long.MAX_VALUE;
    }
  }

  /** The catalog's default model ({@link ModelCatalog#defaultModel()}). */
  public static ModelSpec defaultModel() {
    return of(ModelCatalog.defaultModel());
  }

  /** A catalog model: its download addresses and pins; the catalog's {@code model.json}. */
  public static ModelSpec of(CatalogModel model) {
    List<FileSpec> files = model.files().stream()
        .map(f -> new FileSpec(f.name(), model.url(f.name()), f.sha256(), f.approximateBytes())).toList();
    return new ModelSpec(model.id(), files, model.manifest(null));
  }

  /**
   * A model described by its own {@code model.json} (a local folder: synthetic, oracle, or a copy made elsewhere),
   * installed into folder {@code id}; its recorded SHA-256 (if any) pins {@code model.onnx}.
   */
  public static ModelSpec local(String id, ModelManifest manifest) {
    return new ModelSpec(id, List.of(new FileSpec(ModelDirectory.MODEL_FILE, null, manifest.sha256()),
        new FileSpec(ModelDirectory.VOCAB_FILE, null, null)), manifest);
  }

  /** The graph inputs {@code model.onnx} must have. */
  public List<String> inputs() {
    return manifest.inputs();
  }

  /** The graph outputs {@code model.onnx} must have. */
  public List<String> outputs() {
    return manifest.outputs();
  }

  /**
   * This spec with every file's URL replaced by {@code base + name} (tests and mirrors); {@code model.json} then names
   * the mirror as the source.
   */
  public ModelSpec withUrlBase(String base) {
    String prefix = base.endsWith("/") ? base : base + "/";
    ModelManifest m = manifest;
    ModelManifest mirrored = new ModelManifest(m.id(), prefix + " (a mirror of: " + m.source() + ")", m.licence(),
        m.inputs(), m.outputs(), m.maxSequenceLength(), m.predictsNoAnswer(), m.sha256(), m.parameters());
    return new ModelSpec(id, files.stream()
        .map(f -> new FileSpec(f.name(), prefix + f.name(), f.sha256(), f.approximateBytes())).toList(),
        mirrored);
  }
}
