package dev.askpage.models;

import dev.askpage.models.onnx.OnnxFormatException;
import dev.askpage.models.onnx.OnnxInt8Quantizer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Makes a model directory's int8 variant ({@code model-int8.onnx}) and switches which precision the host runs. */
public final class Int8Variants {
  /** The int8 file's name in a model directory. */
  public static final String INT8_FILE = "model-int8.onnx";

  private Int8Variants() {}

  /**
   * Quantizes {@code source}'s fp32 {@code model.onnx} into {@code outDir}: the directory gets the source's files
   * (copied unless it is the same directory), {@code model-int8.onnx}, and a {@code model.json} recording the int8
   * file's SHA-256 and the fp32 source's. A new directory runs int8; in place, the precision stays as it was.
   *
   * @throws ModelFormatException if the source is damaged, not a question-answering export, or cannot be quantized
   */
  public static Result quantize(ModelDirectory source, Path outDir) throws IOException {
    String sourceSha = ModelDirectory.sha256(source.modelFile());
    if (source.manifest().sha256() != null && !source.manifest().sha256().equals(sourceSha)) {
      throw new ModelFormatException(source.dir(), ModelDirectory.MODEL_FILE + " is damaged or was replaced: its "
          + "SHA-256 is " + sourceSha + " but " + ModelDirectory.MANIFEST_FILE + " expects "
          + source.manifest().sha256());
    }
    ExportMapping.export(source.dir(), source.modelFile()); // a non-QA model is refused before any work
    Files.createDirectories(outDir);
    boolean inPlace = Files.isSameFile(source.dir(), outDir);
    Path partial = outDir.resolve(INT8_FILE + ".part");
    OnnxInt8Quantizer.Report report;
    try (OutputStream out = Files.newOutputStream(partial)) {
      report = OnnxInt8Quantizer.quantize(source.modelFile(), out);
    } catch (OnnxFormatException e) {
      Files.deleteIfExists(partial);
      throw new ModelFormatException(source.dir(), ModelDirectory.MODEL_FILE + " cannot be quantized: "
          + e.getMessage(), e);
    } catch (IOException e) {
      Files.deleteIfExists(partial);
      throw e;
    }
    if (!inPlace) {
      Files.copy(source.modelFile(), outDir.resolve(ModelDirectory.MODEL_FILE), StandardCopyOption.REPLACE_EXISTING);
      Files.copy(source.vocabFile(), outDir.resolve(ModelDirectory.VOCAB_FILE), StandardCopyOption.REPLACE_EXISTING);
    }
    Files.move(partial, outDir.resolve(INT8_FILE), StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
    ModelManifest.Int8Variant variant =
        new ModelManifest.Int8Variant(INT8_FILE, ModelDirectory.sha256(outDir.resolve(INT8_FILE)), sourceSha);
    // In place, the precision the directory runs stays as it was (fp32 by default; askpage model use int8 switches);
    // a new directory is made to run the int8 variant (e.g. for eval --compare).
    String precision = inPlace ? source.manifest().precision() : ModelManifest.INT8;
    ModelManifest manifest = source.manifest().withFile(sourceSha, source.manifest().parameters())
        .withPrecision(precision, variant);
    writeManifest(outDir, manifest);
    return new Result(ModelDirectory.read(outDir), report);
  }

  /**
   * What {@link #quantize} made.
   *
   * @param directory the model directory holding the int8 variant
   * @param report what the rewrite did
   */
  public record Result(ModelDirectory directory, OnnxInt8Quantizer.Report report) {}

  /**
   * Chooses which file the host runs; the next ask of a running host uses it.
   *
   * @throws ModelFormatException if int8 is asked for and the directory has no int8 variant
   */
  public static ModelDirectory use(ModelDirectory model, String precision) throws IOException {
    ModelManifest m = model.manifest();
    if (precision.equals(ModelManifest.INT8) && (m.int8() == null
        || !Files.isRegularFile(model.dir().resolve(m.int8().file())))) {
      throw new ModelFormatException(model.dir(), "has no int8 variant; make one with: askpage model quantize --in "
          + model.dir() + " --out " + model.dir());
    }
    writeManifest(model.dir(), m.withPrecision(precision, m.int8()));
    return ModelDirectory.read(model.dir());
  }

  /** Replaces model.json in one rename, so a reader never sees half of it. */
  private static void writeManifest(Path dir, ModelManifest manifest) throws IOException {
    Path partial = dir.resolve(ModelDirectory.MANIFEST_FILE + ".part");
    Files.writeString(partial, manifest.toJson(), StandardCharsets.UTF_8);
    Files.move(partial, dir.resolve(ModelDirectory.MANIFEST_FILE), StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }
}
