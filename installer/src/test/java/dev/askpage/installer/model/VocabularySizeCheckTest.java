package dev.askpage.installer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.askpage.models.ModelDirectory;
import dev.askpage.models.SyntheticModels;
import dev.askpage.models.SyntheticSize;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A vocabulary that is not the model's (a cased, multilingual or cut-off vocab.txt still has BERT's special tokens)
 * is refused at install: its line count must be the rows of the model's word-embedding table.
 */
class VocabularySizeCheckTest {
  private static final String VOCAB = "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nthe\nbert\nlives\nat\nsesame\nstreet\n";

  @TempDir Path temp;

  private ModelInstaller installer() {
    return new ModelInstaller(temp.resolve("models"),
        new Downloader(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build(), 3,
            Duration.ofSeconds(10)), ProgressListener.none());
  }

  /** A synthetic tiny MobileBERT written for {@link #VOCAB}: an embedding table of 11 rows. */
  private Path synthetic(String name) throws Exception {
    Path vocab = Files.writeString(temp.resolve("vocab-" + name + ".txt"), VOCAB);
    return SyntheticModels.writeMobileBert(temp.resolve(name), SyntheticSize.TINY, 7, vocab).dir();
  }

  private static ModelSpec spec(Path dir) throws Exception {
    return ModelSpec.local("m1", ModelDirectory.read(dir).manifest());
  }

  @Test
  void theModelsOwnVocabularyInstalls() throws Exception {
    Path dir = synthetic("own");
    Path installed = installer().copyFrom(spec(dir), dir);
    assertEquals(VOCAB, Files.readString(installed.resolve("vocab.txt")));
  }

  @Test
  void aVocabularyOneLineShortIsRefusedAndNothingIsInstalled() throws Exception {
    Path dir = synthetic("short");
    ModelSpec spec = spec(dir);
    Files.writeString(dir.resolve("vocab.txt"), VOCAB.substring(0, VOCAB.length() - "street\n".length()));
    VerificationException e = assertThrows(VerificationException.class, () -> installer().copyFrom(spec, dir));
    assertTrue(e.getMessage().contains("has 10 tokens but model.onnx's word-embedding table has 11 rows"),
        e.getMessage());
    assertFalse(Files.exists(temp.resolve("models/m1")));
  }

  @Test
  void aLargerVocabularyWhoseIdsRunPastTheTableIsRefused() throws Exception {
    Path dir = synthetic("long");
    ModelSpec spec = spec(dir);
    Files.writeString(dir.resolve("vocab.txt"), VOCAB + "extra\n");
    VerificationException e = assertThrows(VerificationException.class,
        () -> installer().copyFromOnnx(spec, dir.resolve("model.onnx")));
    assertTrue(e.getMessage().contains("has 12 tokens but model.onnx's word-embedding table has 11 rows"),
        e.getMessage());
  }

  @Test
  void anInstalledModelWithAnotherVocabularyIsNotTakenAsInstalled() throws Exception {
    Path dir = synthetic("installed");
    ModelSpec spec = spec(dir);
    ModelInstaller installer = installer();
    Path installed = installer.copyFrom(spec, dir);
    assertEquals(Optional.of(ModelDirectory.read(dir).manifest().id()), installer.alreadyInstalled(spec));
    // As an older installer, which did not compare the two, may have left it (pins.json records the short file).
    Files.writeString(installed.resolve("vocab.txt"), VOCAB.substring(0, VOCAB.length() - "street\n".length()));
    Path pins = installed.resolve(InstalledPins.FILE);
    Files.writeString(pins, Files.readString(pins).replace(ModelDirectory.sha256(dir.resolve("vocab.txt")),
        ModelDirectory.sha256(installed.resolve("vocab.txt"))));
    assertEquals(Optional.empty(), installer.alreadyInstalled(spec));
  }

  @Test
  void aModelWithoutAnEmbeddingTableHasNothingToCompareWith() throws Exception {
    Path vocab = Files.writeString(temp.resolve("vocab.txt"), VOCAB);
    Path dir = SyntheticModels.writeOracle(temp.resolve("oracle"), 6, 7, vocab).dir();
    assertTrue(Files.isDirectory(installer().copyFrom(spec(dir), dir)));
  }
}
