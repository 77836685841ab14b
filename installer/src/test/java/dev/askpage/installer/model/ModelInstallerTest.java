package dev.askpage.installer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.askpage.models.CatalogModel;
import dev.askpage.models.ModelCatalog;
import dev.askpage.models.ModelDirectory;
import dev.askpage.models.ModelManifest;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelInstallerTest {
  @TempDir Path temp;

  private static final byte[] ONNX = TestOnnx.bert(50_000);
  private static final byte[] VOCAB = "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nthe\n".getBytes(StandardCharsets.UTF_8);

  private static ModelManifest manifest(List<String> inputs, List<String> outputs) {
    return new ModelManifest("m1-model", "a test server", "MIT", inputs, outputs, 512, true, null, null);
  }

  private static ModelSpec spec(String onnxSha) {
    return new ModelSpec("m1",
        List.of(new ModelSpec.FileSpec("model.onnx", "unused", onnxSha),
            new ModelSpec.FileSpec("vocab.txt", "unused", null)),
        manifest(List.of("input_ids", "attention_mask", "token_type_ids"), List.of("start_logits", "end_logits")));
  }

  /** A folder {@code name} in temp holding {@code onnx} as model.onnx and the test vocabulary. */
  private Path modelFolder(String name, byte[] onnx) throws java.io.IOException {
    Path folder = Files.createDirectories(temp.resolve(name));
    Files.write(folder.resolve("model.onnx"), onnx);
    Files.write(folder.resolve("vocab.txt"), VOCAB);
    return folder;
  }

  private ModelInstaller installer() {
    return new ModelInstaller(temp.resolve("models"),
        new Downloader(HttpClient.newHttpClient(), 3, Duration.ofSeconds(10)), ProgressListener.none());
  }

  private static String sha(byte[] bytes) throws Exception {
    return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  void downloadsVerifiesAndRecordsHashes() throws Exception {
    try (FileServer server = new FileServer()) {
      server.files.put("model.onnx", ONNX);
      server.files.put("vocab.txt", VOCAB);
      Path dir = installer().download(spec(sha(ONNX)).withUrlBase(server.base()));
      assertEquals(temp.resolve("models/m1"), dir);
      assertArrayEquals(ONNX, Files.readAllBytes(dir.resolve("model.onnx")));
      // model.json is the models module's format, read by the host's own reader, with model.onnx's hash recorded.
      ModelDirectory installed = ModelDirectory.read(dir);
      assertEquals("m1-model", installed.manifest().id());
      assertEquals(sha(ONNX), installed.manifest().sha256());
      assertTrue(installed.manifest().source().startsWith(server.base()), installed.manifest().source());
      installed.verifyChecksum();
      assertEquals(List.of("m1"), names(temp.resolve("models")));
    }
  }

  @Test
  void wrongChecksumLeavesNothingInPlace() throws Exception {
    try (FileServer server = new FileServer()) {
      server.files.put("model.onnx", ONNX);
      server.files.put("vocab.txt", VOCAB);
      VerificationException e = assertThrows(VerificationException.class,
          () -> installer().download(spec("00".repeat(32)).withUrlBase(server.base())));
      assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
    }
    assertFalse(Files.exists(temp.resolve("models")), "no file and no empty folder is left");
  }

  @Test
  void reinstallReplacesTheOldFolderWhole() throws Exception {
    Path source = modelFolder("src dir", ONNX);
    Path dir = installer().copyFrom(spec(null), source);
    Files.writeString(dir.resolve("stale.txt"), "x");
    installer().copyFrom(spec(null), source);
    assertFalse(Files.exists(dir.resolve("stale.txt")));
    assertEquals(List.of("m1"), names(temp.resolve("models")));
  }

  @Test
  void onnxFileWithVocabularyBeside() throws Exception {
    Path onnx = modelFolder("src", ONNX).resolve("model.onnx");
    assertTrue(Files.exists(installer().copyFromOnnx(spec(null), onnx).resolve("vocab.txt")));
  }

  @Test
  void wrongGraphIsRejected() throws Exception {
    Path source = modelFolder("src", TestOnnx.model(List.of("x"), List.of("y"), 10));
    ModelSpec spec = new ModelSpec("m1", List.of(new ModelSpec.FileSpec("model.onnx", "u", null),
        new ModelSpec.FileSpec("vocab.txt", "u", null)), manifest(List.of("input_ids"), List.of("start_logits")));
    VerificationException e = assertThrows(VerificationException.class, () -> installer().copyFrom(spec, source));
    assertTrue(e.getMessage().contains("inputs [x int64"), e.getMessage());
    assertTrue(e.getMessage().contains("askpage accepts"), e.getMessage());
    assertFalse(Files.exists(temp.resolve("models/m1")));
  }

  @Test
  void catalogDefaultIsTheHostsModelWithTheCatalogsSignature() {
    CatalogModel catalog = ModelCatalog.defaultModel();
    ModelSpec spec = ModelSpec.defaultModel();
    assertEquals(catalog.id(), spec.id());
    assertEquals(List.of("model.onnx", "vocab.txt"), spec.files().stream().map(ModelSpec.FileSpec::name).toList());
    assertEquals(catalog.url("model.onnx"), spec.files().get(0).url());
    assertEquals(List.of("input_ids", "attention_mask", "token_type_ids"), spec.inputs());
    assertEquals(List.of("start_logits", "end_logits"), spec.outputs());
    ModelSpec mirrored = spec.withUrlBase("http://127.0.0.1:1/m");
    assertEquals("http://127.0.0.1:1/m/vocab.txt", mirrored.files().get(1).url());
  }

  @Test
  void localFolderKeepsItsOwnDescriptionAndPin() throws Exception {
    Path source = modelFolder("oracle", ONNX);
    ModelManifest own = new ModelManifest("oracle-1-2", "askpage oracle", "generated", List.of("input_ids"),
        List.of("start_logits", "end_logits"), 512, true, sha(ONNX), null);
    Path dir = installer().copyFrom(ModelSpec.local("m1", own), source);
    ModelManifest installed = ModelDirectory.read(dir).manifest();
    // Its own description, with the graph's real inputs and the export mapping the host will use recorded.
    assertEquals(own.id(), installed.id());
    assertEquals(own.sha256(), installed.sha256());
    assertEquals(List.of("input_ids", "attention_mask", "token_type_ids"), installed.inputs());
    assertEquals("attention_mask", installed.export().get("attentionMask"));
    ModelManifest wrongPin = own.withFile("00".repeat(32), null);
    assertThrows(VerificationException.class, () -> installer().copyFrom(ModelSpec.local("m1", wrongPin), source));
    assertEquals(installed, ModelDirectory.read(dir).manifest(), "the installed model stays");
  }

  @Test
  void aWebPageSavedAsVocabTxtDoesNotReplaceAWorkingModel() throws Exception {
    Path good = modelFolder("good", ONNX);
    Path dir = installer().copyFrom(spec(null), good);
    Path saved = Files.createDirectories(temp.resolve("saved from the browser"));
    Files.write(saved.resolve("model.onnx"), TestOnnx.bert(50_001));
    Files.writeString(saved.resolve("vocab.txt"), "<!DOCTYPE html>\n<html lang=\"en\">\n<title>vocab.txt</title>\n");
    VerificationException e = assertThrows(VerificationException.class, () -> installer().copyFrom(spec(null), saved));
    assertTrue(e.getMessage().contains("not a BERT WordPiece vocabulary") && e.getMessage().contains("line 1"),
        e.getMessage());
    assertArrayEquals(VOCAB, Files.readAllBytes(dir.resolve("vocab.txt")), "the working model stays");
    assertArrayEquals(ONNX, Files.readAllBytes(dir.resolve("model.onnx")));
    assertEquals(List.of("m1"), names(temp.resolve("models")), "no staging folder left");
  }

  @Test
  void missingLocalFileIsNamed() throws Exception {
    Path source = Files.createDirectories(temp.resolve("empty"));
    ModelInstallException e = assertThrows(ModelInstallException.class,
        () -> installer().copyFrom(spec(null), source));
    assertTrue(e.getMessage().contains("model.onnx"));
  }

  private ModelInstaller replacingInstaller(List<String> notices) {
    return new ModelInstaller(temp.resolve("models"),
        new Downloader(HttpClient.newHttpClient(), 3, Duration.ofSeconds(10)), ProgressListener.none(), true,
        notices::add);
  }

  @Test
  void mirrorWithADifferentModelDoesNotReplaceItWithoutReplace() throws Exception {
    byte[] other = TestOnnx.bert(50_001);
    Path dir;
    try (FileServer hub = new FileServer(); FileServer mirror = new FileServer()) {
      hub.files.put("model.onnx", ONNX);
      hub.files.put("vocab.txt", VOCAB);
      mirror.files.put("model.onnx", other);
      mirror.files.put("vocab.txt", VOCAB);
      dir = installer().download(spec(null).withUrlBase(hub.base()));
      installer().download(spec(null).withUrlBase(hub.base())); // the same files again: a repair, allowed
      VerificationException e = assertThrows(VerificationException.class,
          () -> installer().download(spec(null).withUrlBase(mirror.base())));
      assertTrue(e.getMessage().contains("--replace") && e.getMessage().contains(sha(ONNX))
          && e.getMessage().contains(sha(other)), e.getMessage());
      assertArrayEquals(ONNX, Files.readAllBytes(dir.resolve("model.onnx")), "the installed model stays");
      assertEquals(List.of("m1"), names(temp.resolve("models")), "no leftovers");

      List<String> notices = new ArrayList<>();
      replacingInstaller(notices).download(spec(null).withUrlBase(mirror.base()));
      assertArrayEquals(other, Files.readAllBytes(dir.resolve("model.onnx")));
      assertEquals(1, notices.size(), notices.toString());
      assertTrue(notices.get(0).contains("model.onnx: SHA-256 " + sha(ONNX) + " -> " + sha(other)), notices.get(0));
    }
  }

  @Test
  void aDamagedPinsFileIsRefusedThenReplacedWithReplace() throws Exception {
    try (FileServer server = new FileServer()) {
      server.files.put("model.onnx", ONNX);
      server.files.put("vocab.txt", VOCAB);
      Path dir = installer().download(spec(null).withUrlBase(server.base()));
      Files.writeString(dir.resolve(InstalledPins.FILE), "{\"sha256\": [");
      // Refused as the other pin mismatches are (the parts deleted, "model install" exit status 1).
      VerificationException refused = assertThrows(VerificationException.class,
          () -> installer().download(spec(null).withUrlBase(server.base())));
      assertTrue(refused.getMessage().contains("--replace"), refused.getMessage());

      List<String> notices = new ArrayList<>();
      replacingInstaller(notices).download(spec(null).withUrlBase(server.base())); // what the message advises
      assertEquals(Optional.of(new InstalledPins(Map.of("model.onnx", sha(ONNX), "vocab.txt", sha(VOCAB)), null)),
          InstalledPins.read(dir));
      assertEquals(1, notices.size(), notices.toString());
      assertTrue(notices.get(0).contains(InstalledPins.FILE), notices.get(0));
    }
  }

  @Test
  void theHubsCommitIsRecordedAndNamedWhenTheFilesChange() throws Exception {
    try (FileServer server = new FileServer()) {
      server.files.put("model.onnx", ONNX);
      server.files.put("vocab.txt", VOCAB);
      server.headers.put("X-Repo-Commit", "aaaa1111");
      Path dir = installer().download(spec(null).withUrlBase(server.base()));
      assertEquals(Optional.of(new InstalledPins(Map.of("model.onnx", sha(ONNX), "vocab.txt", sha(VOCAB)),
          "aaaa1111")), InstalledPins.read(dir));
      // The repository moved on (a README edit) with the same files: the same model, recorded from its new commit.
      server.headers.put("X-Repo-Commit", "bbbb2222");
      installer().download(spec(null).withUrlBase(server.base()));
      assertEquals(Optional.of(new InstalledPins(Map.of("model.onnx", sha(ONNX), "vocab.txt", sha(VOCAB)),
          "bbbb2222")), InstalledPins.read(dir));
      // Other files from another commit: refused, naming both.
      server.files.put("model.onnx", TestOnnx.bert(50_001));
      server.headers.put("X-Repo-Commit", "cccc3333");
      VerificationException e = assertThrows(VerificationException.class,
          () -> installer().download(spec(null).withUrlBase(server.base())));
      assertTrue(e.getMessage().contains("repository commit bbbb2222 -> cccc3333")
          && e.getMessage().contains("model.onnx: SHA-256"), e.getMessage());
    }
  }

  @Test
  void aRejectedDownloadFromTheHubLeavesNoPartialFolder() throws Exception {
    try (FileServer server = new FileServer()) {
      server.files.put("model.onnx", ONNX);
      server.files.put("vocab.txt", VOCAB);
      server.headers.put("X-Repo-Commit", "aaaa1111");
      assertThrows(VerificationException.class,
          () -> installer().download(spec("00".repeat(32)).withUrlBase(server.base())));
    }
    assertFalse(Files.exists(temp.resolve("models")), "no .partial/<id> folder is left (nor its .source notes)");
  }

  @Test
  void aTruncatedVocabularyAnswered416IsNotInstalled() throws Exception {
    try (FileServer server = new FileServer()) {
      byte[] vocab = "word\n".repeat(30_522).getBytes(StandardCharsets.UTF_8);
      server.files.put("model.onnx", ONNX);
      server.files.put("vocab.txt", vocab);
      server.cutsLeft.set(100); // model.onnx is cut once, then resumed; vocab.txt always cut at half
      server.rangeRefusalsLeft.set(100); // and every resume refused
      assertThrows(ModelInstallException.class, () -> installer().download(spec(null).withUrlBase(server.base())));
      assertFalse(Files.exists(temp.resolve("models/m1")), "nothing installed");
    }
  }

  @Test
  void anAbsurdLengthIsRefusedAndLeavesNoFolders() throws Exception {
    try (FileServer server = new FileServer()) {
      server.files.put("model.onnx", ONNX);
      server.files.put("vocab.txt", VOCAB);
      server.announcedLength.put("model.onnx", 1_000_000_000_000L);
      ModelSpec sized = new ModelSpec("m1", List.of(new ModelSpec.FileSpec("model.onnx", "u", null, 99_000_000),
          new ModelSpec.FileSpec("vocab.txt", "u", null, 231_508)), spec(null).manifest());
      ModelInstallException e = assertThrows(ModelInstallException.class,
          () -> installer().download(sized.withUrlBase(server.base())));
      assertTrue(e.getMessage().contains("198000000"), e.getMessage());
      assertFalse(Files.exists(temp.resolve("models")), "no empty .partial/<id> folders are left");
    }
  }

  @Test
  void aMissingFileLeavesNoEmptyPartialFolder() throws Exception {
    try (FileServer server = new FileServer()) {
      server.files.put("vocab.txt", VOCAB); // no model.onnx: 404
      assertThrows(ModelInstallException.class, () -> installer().download(spec(null).withUrlBase(server.base())));
      assertFalse(Files.exists(temp.resolve("models")), "no empty .partial/<id> folders are left");
    }
  }

  @Test
  void strayPartFilesAreCleanedAndTheModelFolderIsPrivate() throws Exception {
    Path partial = Files.createDirectories(temp.resolve("models/.partial/m1"));
    Files.writeString(partial.resolve("old-name.bin.part"), "left by an older version");
    Path killed = Files.createDirectories(temp.resolve("models/.staging-m1-123"));
    Files.writeString(killed.resolve("model.onnx"), "left by an install killed two hours ago");
    Files.setLastModifiedTime(killed, java.nio.file.attribute.FileTime.from(
        java.time.Instant.now().minus(java.time.Duration.ofHours(2))));
    try (FileServer server = new FileServer()) {
      server.files.put("model.onnx", ONNX);
      server.files.put("vocab.txt", VOCAB);
      Path dir = installer().download(spec(null).withUrlBase(server.base()));
      assertEquals(List.of("m1"), names(temp.resolve("models")));
      assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
      assertEquals("rwx------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("models"))));
    }
  }

  private static List<String> names(Path dir) throws Exception {
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
