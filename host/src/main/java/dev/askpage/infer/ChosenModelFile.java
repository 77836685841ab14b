package dev.askpage.infer;

import dev.askpage.models.ModelDirectory;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The file a model directory's {@code model.json} chooses (fp32 {@code model.onnx} or the int8 variant), re-read only
 * when {@code model.json} changed ({@link FileStamp}), so asking before every batch costs one stat.
 */
public final class ChosenModelFile implements QaModel.FileChoice {
  private final Path dir;
  private Object seen;
  private QaModel.Chosen chosen;

  public ChosenModelFile(Path dir) {
    this.dir = dir;
  }

  @Override
  public synchronized QaModel.Chosen current() throws IOException {
    Object stamp = FileStamp.of(dir.resolve(ModelDirectory.MANIFEST_FILE));
    if (!stamp.equals(seen)) {
      ModelDirectory model = ModelDirectory.read(dir);
      chosen = new QaModel.Chosen(model.activeModelFile(), model.manifest().precision(), stamp);
      seen = stamp;
    }
    return chosen;
  }
}
