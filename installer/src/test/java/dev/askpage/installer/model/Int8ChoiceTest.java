package dev.askpage.installer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.askpage.models.Int8Variants;
import dev.askpage.models.ModelDirectory;
import dev.askpage.models.ModelManifest;
import dev.askpage.models.SyntheticModels;
import dev.askpage.models.SyntheticSize;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model installed over one with an int8 variant ({@code --replace}, a repair, a {@code --model-dir} copy) keeps the
 * user's precision choice: the variant itself when {@code model.onnx} is the same, a new one when it changed.
 */
class Int8ChoiceTest {
  private static final String VOCAB = "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nthe\nbert\nlives\nat\nsesame\nstreet\n";

  @TempDir Path temp;
  private final List<String> notices = new ArrayList<>();

  private ModelInstaller installer(boolean replace) {
    return new ModelInstaller(temp.resolve("models"),
        new Downloader(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build(), 3,
            Duration.ofSeconds(10)), ProgressListener.none(), replace, notices::add);
  }

  /** A synthetic tiny MobileBERT (quantizable) in {@code temp/name}. */
  private Path synthetic(String name, long seed) throws Exception {
    Path vocab = Files.writeString(temp.resolve("vocab-" + name + ".txt"), VOCAB);
    return SyntheticModels.writeMobileBert(temp.resolve(name), SyntheticSize.TINY, seed, vocab).dir();
  }

  private Path copy(Path dir) throws Exception {
    ModelSpec spec = ModelSpec.local("m1", ModelDirectory.read(dir).manifest());
    return installer(false).copyFrom(spec, dir);
  }

  /** Installs {@code dir}, then makes its int8 variant and chooses it, as the user would. */
  private Path installRunningInt8(Path dir) throws Exception {
    Path installed = copy(dir);
    Int8Variants.use(Int8Variants.quantize(ModelDirectory.read(installed), installed).directory(),
        ModelManifest.INT8);
    return installed;
  }

  @Test
  void theSameModelAgainKeepsTheInt8VariantAndTheChoice() throws Exception {
    Path source = synthetic("a", 1);
    Path installed = installRunningInt8(source);
    byte[] int8 = Files.readAllBytes(installed.resolve(Int8Variants.INT8_FILE));
    notices.clear();

    copy(source); // a repair, or --model-dir with the same files
    ModelManifest after = ModelDirectory.read(installed).manifest();
    assertEquals(ModelManifest.INT8, after.precision(), "still int8");
    assertArrayEquals(int8, Files.readAllBytes(installed.resolve(Int8Variants.INT8_FILE)), "the same variant");
    assertEquals(ModelDirectory.sha256(installed.resolve(Int8Variants.INT8_FILE)), after.int8().sha256());
    assertTrue(notices.stream().anyMatch(n -> n.contains("kept the int8 variant")), notices.toString());
  }

  @Test
  void aChangedModelGetsANewInt8VariantMadeFromIt() throws Exception {
    Path installed = installRunningInt8(synthetic("a", 1));
    String oldVariant = ModelDirectory.read(installed).manifest().int8().sha256();
    notices.clear();

    copy(synthetic("b", 2)); // other weights
    ModelDirectory after = ModelDirectory.read(installed);
    assertEquals(ModelManifest.INT8, after.manifest().precision());
    assertEquals(ModelDirectory.sha256(after.modelFile()), after.manifest().int8().sourceSha256(),
        "made from the new model.onnx");
    assertNotEquals(oldVariant, after.manifest().int8().sha256());
    assertEquals(after.manifest().int8().sha256(), ModelDirectory.sha256(after.activeModelFile()));
    assertTrue(notices.stream().anyMatch(n -> n.contains("made the int8 variant again")), notices.toString());
  }

  @Test
  void anFp32ChoiceWithAVariantStaysFp32() throws Exception {
    Path source = synthetic("a", 1);
    Path installed = copy(source);
    Int8Variants.quantize(ModelDirectory.read(installed), installed); // model install --int8: fp32 until `use int8`
    copy(synthetic("b", 2));
    ModelManifest after = ModelDirectory.read(installed).manifest();
    assertEquals(ModelManifest.FP32, after.precision());
    assertTrue(Files.isRegularFile(installed.resolve(Int8Variants.INT8_FILE)), "the variant is there to switch to");
  }

  @Test
  void aModelThatCannotBeQuantizedRunsFp32AndSaysSo() throws Exception {
    Path installed = installRunningInt8(synthetic("a", 1));
    notices.clear();
    Path plain = Files.createDirectories(temp.resolve("plain"));
    Files.write(plain.resolve("model.onnx"), TestOnnx.bert(1_000)); // no product to quantize
    Files.writeString(plain.resolve("vocab.txt"), VOCAB);
    ModelManifest manifest = new ModelManifest("plain", "a test", "MIT",
        List.of("input_ids", "attention_mask", "token_type_ids"), List.of("start_logits", "end_logits"), 512, true,
        null, null);
    installer(false).copyFrom(ModelSpec.local("m1", manifest), plain);
    ModelManifest after = ModelDirectory.read(installed).manifest();
    assertEquals(ModelManifest.FP32, after.precision());
    assertNull(after.int8());
    assertFalse(Files.exists(installed.resolve(Int8Variants.INT8_FILE)));
    assertTrue(notices.stream().anyMatch(n -> n.contains("instead of the int8 you chose")), notices.toString());
  }

  @Test
  void aReplacingDownloadKeepsTheChoice() throws Exception {
    Path source = synthetic("a", 1);
    Path installed = installRunningInt8(source);
    byte[] int8 = Files.readAllBytes(installed.resolve(Int8Variants.INT8_FILE));
    try (FileServer server = new FileServer()) {
      server.files.putAll(Map.of("model.onnx", Files.readAllBytes(source.resolve("model.onnx")),
          "vocab.txt", VOCAB.getBytes(StandardCharsets.UTF_8)));
      ModelSpec spec = new ModelSpec("m1", List.of(new ModelSpec.FileSpec("model.onnx", "unused", null),
          new ModelSpec.FileSpec("vocab.txt", "unused", null)), ModelDirectory.read(source).manifest());
      installer(true).download(spec.withUrlBase(server.base())); // --replace
    }
    assertEquals(ModelManifest.INT8, ModelDirectory.read(installed).manifest().precision());
    assertArrayEquals(int8, Files.readAllBytes(installed.resolve(Int8Variants.INT8_FILE)));
  }
}
