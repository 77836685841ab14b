package dev.askpage.installer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloaderTest {
  @TempDir Path temp;

  private static final Downloader DOWNLOADER =
      new Downloader(HttpClient.newHttpClient(), 3, Duration.ofSeconds(10));

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    new Random(42).nextBytes(bytes);
    return bytes;
  }

  @Test
  void reportsProgressUpToTheTotal() throws Exception {
    List<long[]> seen = new CopyOnWriteArrayList<>();
    try (FileServer server = new FileServer()) {
      server.files.put("f.bin", randomBytes(1_000_000));
      Path part = temp.resolve("f.bin.part");
      long size = DOWNLOADER.download(server.base() + "f.bin", part, "f.bin",
          (file, done, total, rate) -> seen.add(new long[] {done, total}));
      assertEquals(1_000_000, size);
      assertArrayEquals(server.files.get("f.bin"), Files.readAllBytes(part));
    }
    assertTrue(seen.size() > 1);
    assertEquals(1_000_000, seen.get(seen.size() - 1)[0]);
    assertEquals(1_000_000, seen.get(0)[1]);
  }

  @Test
  void connectionCutMidFileResumesWithRange() throws Exception {
    try (FileServer server = new FileServer()) {
      byte[] body = randomBytes(2_000_000);
      server.files.put("m.onnx", body);
      server.cutsLeft.set(1);
      Path part = temp.resolve("m.onnx.part");
      DOWNLOADER.download(server.base() + "m.onnx", part, "m.onnx", ProgressListener.none());
      assertArrayEquals(body, Files.readAllBytes(part));
      assertEquals("none", server.ranges.get(0));
      assertTrue(server.ranges.get(1).matches("bytes=[1-9][0-9]*-"), server.ranges.toString());
    }
  }

  @Test
  void partFileFromAnEarlierRunIsResumed() throws Exception {
    try (FileServer server = new FileServer()) {
      byte[] body = randomBytes(100_000);
      server.files.put("v.txt", body);
      Path part = Files.write(temp.resolve("v.txt.part"), java.util.Arrays.copyOf(body, 30_000));
      new PartSource(server.base() + "v.txt", null, null).write(Downloader.sourceFile(part)); // as that run noted
      DOWNLOADER.download(server.base() + "v.txt", part, "v.txt", ProgressListener.none());
      assertArrayEquals(body, Files.readAllBytes(part));
      assertEquals(List.of("bytes=29999-"), server.ranges, "from the last byte it has");
    }
  }

  @Test
  void aWholePartFileFromAnEarlierRunIsNotDownloadedAgain() throws Exception {
    // A run that fails after a file (on the next one, or while staging) leaves that file whole in its .part.
    try (FileServer server = new FileServer()) {
      byte[] body = randomBytes(100_000);
      server.files.put("m.onnx", body);
      Path part = Files.write(temp.resolve("m.onnx.part"), body);
      new PartSource(server.base() + "m.onnx", null, null).write(Downloader.sourceFile(part));
      long size = DOWNLOADER.download(server.base() + "m.onnx", part, "m.onnx", ProgressListener.none());
      assertEquals(body.length, size);
      assertArrayEquals(body, Files.readAllBytes(part));
      assertEquals(List.of("bytes=99999-"), server.ranges, "one byte asked, no 416 and no new download");
    }
  }

  @Test
  void closedPortIsOffline() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port + "/model.onnx";
    OfflineException e = assertThrows(OfflineException.class,
        () -> DOWNLOADER.download(url, temp.resolve("x.part"), "x", ProgressListener.none()));
    assertTrue(e.getMessage().contains("offline"), e.getMessage());
  }

  @Test
  void missingFileIsAnInstallError() throws Exception {
    try (FileServer server = new FileServer()) {
      ModelInstallException e = assertThrows(ModelInstallException.class, () -> DOWNLOADER.download(
          server.base() + "nope", temp.resolve("n.part"), "n", ProgressListener.none()));
      assertTrue(e.getMessage().contains("404"), e.getMessage());
    }
  }

  @Test
  void halfFileThen416StartsOverInsteadOfCountingAsComplete() throws Exception {
    try (FileServer server = new FileServer()) {
      byte[] vocab = randomBytes(231_508);
      server.files.put("vocab.txt", vocab);
      server.cutsLeft.set(1); // half of the file with the full Content-Length, then the connection drops
      server.rangeRefusalsLeft.set(1); // the resume is answered 416
      Path part = temp.resolve("vocab.txt.part");
      long size = DOWNLOADER.download(server.base() + "vocab.txt", part, "vocab.txt", ProgressListener.none());
      assertEquals(vocab.length, size);
      assertArrayEquals(vocab, Files.readAllBytes(part));
      assertEquals(List.of("none", "bytes=" + (vocab.length / 2 - 1) + "-", "none"), server.ranges);
    }
  }

  @Test
  void aServerThatAlways416sNeverYieldsAFile() throws Exception {
    try (FileServer server = new FileServer()) {
      byte[] vocab = randomBytes(231_508);
      server.files.put("vocab.txt", vocab);
      server.cutsLeft.set(100);
      server.rangeRefusalsLeft.set(100);
      Path part = temp.resolve("vocab.txt.part");
      assertThrows(ModelInstallException.class, () -> DOWNLOADER.download(server.base() + "vocab.txt", part,
          "vocab.txt", ProgressListener.none()));
      assertTrue(Files.notExists(part) || Files.size(part) < vocab.length, "no whole-looking file is left");
    }
  }

  @Test
  void contentLengthOfATerabyteIsRefusedBeforeWriting() throws Exception {
    try (FileServer server = new FileServer()) {
      server.files.put("model.onnx", randomBytes(1_000_000));
      server.announcedLength.put("model.onnx", 1_000_000_000_000L);
      Path part = temp.resolve("model.onnx.part");
      ModelInstallException e = assertThrows(ModelInstallException.class, () -> DOWNLOADER.download(
          server.base() + "model.onnx", part, "model.onnx", 198_000_000L, ProgressListener.none()));
      assertTrue(e.getMessage().contains("1000000000000") && e.getMessage().contains("198000000"), e.getMessage());
      assertFalse(Files.exists(part), "nothing written");
      assertEquals(List.of("none"), server.ranges, "refused at the headers, not retried");
    }
  }

  @Test
  void eightMegabytePrefixOfAnAnnouncedTerabyteIsNeverAccepted() throws Exception {
    try (FileServer server = new FileServer()) {
      server.files.put("model.onnx", randomBytes(8 << 20));
      server.announcedLength.put("model.onnx", 1_000_000_000_000L);
      server.rangeRefusalsLeft.set(100);
      Path part = temp.resolve("model.onnx.part");
      // No size cap: the prefix is still not a file, because its length is not the announced one.
      assertThrows(ModelInstallException.class, () -> DOWNLOADER.download(server.base() + "model.onnx", part,
          "model.onnx", ProgressListener.none()));
    }
  }

  @Test
  void bodyWithoutLengthIsCutOffAtTheCap() throws Exception {
    try (FileServer server = new FileServer()) {
      server.files.put("model.onnx", randomBytes(3_000_000));
      server.chunked.put("model.onnx", true);
      Path part = temp.resolve("model.onnx.part");
      ModelInstallException e = assertThrows(ModelInstallException.class, () -> DOWNLOADER.download(
          server.base() + "model.onnx", part, "model.onnx", 1_000_000, ProgressListener.none()));
      assertTrue(e.getMessage().contains("1000000"), e.getMessage());
      assertFalse(Files.exists(part), "the cut-off bytes are not kept");
    }
  }

  @Test
  void aBodyWithoutLengthCountsOnlyOnceARangeAnswerGaveItsTotal() throws Exception {
    try (FileServer server = new FileServer()) {
      byte[] body = randomBytes(300_000);
      server.files.put("v.txt", body);
      server.chunked.put("v.txt", true); // no Content-Length on the whole file; the 206 to a range names the total
      Path part = temp.resolve("v.txt.part");
      assertEquals(body.length, DOWNLOADER.download(server.base() + "v.txt", part, "v.txt", 1_000_000,
          ProgressListener.none()).bytes());
      assertArrayEquals(body, Files.readAllBytes(part));
      assertEquals(List.of("none", "bytes=299999-"), server.ranges, "the last byte asked again, for the total");
    }
  }

  @Test
  void aBodyWithoutLengthFromAServerWithoutRangesIsNeverAFile() throws Exception {
    try (FileServer server = new FileServer()) {
      server.files.put("v.txt", randomBytes(300_000));
      server.chunked.put("v.txt", true);
      server.ignoresRanges.put("v.txt", true); // answers the range with the whole body, again without a length
      Path part = temp.resolve("v.txt.part");
      ModelInstallException e = assertThrows(ModelInstallException.class, () -> DOWNLOADER.download(
          server.base() + "v.txt", part, "v.txt", 1_000_000, ProgressListener.none()));
      assertTrue(e.getMessage().contains("without its length"), e.getMessage());
      assertFalse(Files.exists(part), "nothing that looks whole is kept");
    }
  }

  @Test
  void aPartFromAnotherAddressIsNotContinued() throws Exception {
    // A mirror (--url-base) names no commit: only the address tells that its bytes are not the other server's.
    try (FileServer first = new FileServer(); FileServer mirror = new FileServer()) {
      byte[] firstFile = randomBytes(400_000);
      byte[] mirrorFile = firstFile.clone();
      mirrorFile[0] ^= 1; // another file of the same length, differing in the half on disk
      first.files.put("m.onnx", firstFile);
      mirror.files.put("m.onnx", mirrorFile);
      first.cutsLeft.set(1);
      Path part = temp.resolve("m.onnx.part");
      Downloader once = new Downloader(HttpClient.newHttpClient(), 1, Duration.ofSeconds(10));
      assertThrows(ModelInstallException.class,
          () -> once.download(first.base() + "m.onnx", part, "m.onnx", 1_000_000, ProgressListener.none()));
      assertEquals(firstFile.length / 2, Files.size(part), "half of the first server's file on disk");

      DOWNLOADER.download(mirror.base() + "m.onnx", part, "m.onnx", 1_000_000, ProgressListener.none());
      assertArrayEquals(mirrorFile, Files.readAllBytes(part), "not half of one server's file and half of another's");
      assertEquals(List.of("none"), mirror.ranges, "started over");
    }
  }

  @Test
  void aPartOfUnknownOriginIsNotContinued() throws Exception {
    try (FileServer server = new FileServer()) {
      byte[] body = randomBytes(100_000);
      server.files.put("v.txt", body);
      Path part = Files.write(temp.resolve("v.txt.part"), randomBytes(30_000)); // no note says where it came from
      DOWNLOADER.download(server.base() + "v.txt", part, "v.txt", ProgressListener.none());
      assertArrayEquals(body, Files.readAllBytes(part));
      assertEquals(List.of("none"), server.ranges);
    }
  }

  @Test
  void aResumeOfAnotherVersionUnderTheSameAddressStartsOver() throws Exception {
    try (FileServer server = new FileServer()) {
      byte[] old = randomBytes(400_000);
      server.files.put("m.onnx", old);
      server.headers.put("ETag", "\"v1\""); // no commit named, but the server tells versions apart
      server.cutsLeft.set(1);
      Path part = temp.resolve("m.onnx.part");
      Downloader once = new Downloader(HttpClient.newHttpClient(), 1, Duration.ofSeconds(10));
      assertThrows(ModelInstallException.class,
          () -> once.download(server.base() + "m.onnx", part, "m.onnx", 1_000_000, ProgressListener.none()));

      byte[] changed = old.clone();
      changed[0] ^= 1;
      server.files.put("m.onnx", changed);
      server.headers.put("ETag", "\"v2\"");
      DOWNLOADER.download(server.base() + "m.onnx", part, "m.onnx", 1_000_000, ProgressListener.none());
      assertArrayEquals(changed, Files.readAllBytes(part), "not half of one version and half of another");
    }
  }

  @Test
  void reportsTheHubsRepositoryCommit() throws Exception {
    try (FileServer server = new FileServer()) {
      server.files.put("v.txt", randomBytes(1000));
      server.headers.put("X-Repo-Commit", "0123abcd");
      assertEquals("0123abcd", DOWNLOADER.download(server.base() + "v.txt", temp.resolve("v.part"), "v.txt",
          10_000, ProgressListener.none()).repoCommit());
    }
  }

  @Test
  void aResumeFromAnotherCommitStartsOver() throws Exception {
    try (FileServer server = new FileServer()) {
      resumeAfterTheRepositoryMovedOn(server, "m.onnx", server.base() + "m.onnx");
    }
  }

  @Test
  void aResumeFromAnotherCommitStartsOverWhenOnlyTheHubsRedirectNamesTheCommit() throws Exception {
    try (FileServer server = new FileServer()) {
      // The Hub answers a large file with a redirect that names the commit; its CDN's response does not.
      server.redirects.put("resolve/main/m.onnx", "cdn/m.onnx");
      server.headersOnRedirectsOnly = true;
      resumeAfterTheRepositoryMovedOn(server, "cdn/m.onnx", server.base() + "resolve/main/m.onnx");
    }
  }

  /**
   * Downloads {@code url} (the server's {@code file}) under commit aaaa until the connection is cut halfway, then
   * again after the repository moved to commit bbbb: the result must be all of bbbb's file.
   */
  private void resumeAfterTheRepositoryMovedOn(FileServer server, String file, String url) throws Exception {
    byte[] old = randomBytes(400_000);
    server.files.put(file, old);
    server.headers.put("X-Repo-Commit", "aaaa");
    server.cutsLeft.set(1);
    Path part = temp.resolve("m.onnx.part");
    Downloader once = new Downloader(HttpClient.newHttpClient(), 1, Duration.ofSeconds(10));
    assertThrows(ModelInstallException.class,
        () -> once.download(url, part, "m.onnx", 1_000_000, ProgressListener.none()));
    assertEquals(old.length / 2, Files.size(part), "half of commit aaaa's file on disk");

    byte[] changed = old.clone();
    changed[0] ^= 1; // the repository moved on: same length, another first byte (in the half on disk)
    server.files.put(file, changed);
    server.headers.put("X-Repo-Commit", "bbbb");
    Downloader.Fetched fetched = DOWNLOADER.download(url, part, "m.onnx", 1_000_000, ProgressListener.none());
    assertEquals("bbbb", fetched.repoCommit());
    assertArrayEquals(changed, Files.readAllBytes(part), "not half of one commit and half of another");
  }

  @Test
  void aRedirectLoopIsAnErrorNotAHang() throws Exception {
    try (FileServer server = new FileServer()) {
      server.redirects.put("a", "b");
      server.redirects.put("b", "a");
      ModelInstallException e = assertThrows(ModelInstallException.class, () -> DOWNLOADER.download(
          server.base() + "a", temp.resolve("a.part"), "a", 10_000, ProgressListener.none()));
      assertTrue(e.getMessage().contains("redirected more than"), e.getMessage());
    }
  }

  @Test
  void aRedirectToSomethingThatIsNotAnAddressIsAnError() throws Exception {
    try (FileServer server = new FileServer()) {
      server.redirects.put("a", "no address"); // Location: /no address
      ModelInstallException e = assertThrows(ModelInstallException.class, () -> DOWNLOADER.download(
          server.base() + "a", temp.resolve("a.part"), "a", 10_000, ProgressListener.none()));
      assertTrue(e.getMessage().contains("not an address"), e.getMessage());
    }
  }

  @Test
  void aRedirectFromHttpsToHttpIsNotFollowed() throws Exception {
    LoopbackTls tls = LoopbackTls.create(temp);
    Downloader overTls = new Downloader(HttpClient.newBuilder().sslContext(tls.client()).build(), 1,
        Duration.ofSeconds(10));
    try (FileServer secure = new FileServer(tls.server()); FileServer plain = new FileServer()) {
      plain.files.put("m.bin", randomBytes(1000));
      secure.files.put("m.bin", randomBytes(1000));
      secure.redirects.put("same", "m.bin");
      // The TLS set-up works: a redirect that stays on https is followed to the file.
      assertEquals(1000, overTls.download(secure.base() + "same", temp.resolve("ok.part"), "m", 10_000,
          ProgressListener.none()).bytes());
      secure.redirects.put("down", plain.base() + "m.bin");
      ModelInstallException e = assertThrows(ModelInstallException.class, () -> overTls.download(
          secure.base() + "down", temp.resolve("m.part"), "m", 10_000, ProgressListener.none()));
      assertTrue(e.getMessage().contains("redirected from https to http"), e.getMessage());
      assertTrue(plain.ranges.isEmpty(), "nothing was asked of the plain server");
      assertFalse(Files.exists(temp.resolve("m.part")) && Files.size(temp.resolve("m.part")) > 0);
    }
  }

  @Test
  void aClientThatFollowsRedirectsItselfIsRefused() {
    // It would hide the Hub's redirect, and with it the commit a resume is checked against.
    assertThrows(IllegalArgumentException.class, () -> new Downloader(
        HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build(), 1, Duration.ofSeconds(1)));
  }

  @Test
  void aSourceNoteThatCannotBeWrittenFailsTheDownloadWithItsReason() throws Exception {
    try (FileServer server = new FileServer()) {
      server.files.put("v.txt", randomBytes(1000));
      server.headers.put("X-Repo-Commit", "0123abcd");
      Path part = temp.resolve("v.txt.part");
      Files.createDirectories(Downloader.sourceFile(part).resolve("in-the-way")); // the note cannot be written
      ModelInstallException e = assertThrows(ModelInstallException.class, () -> DOWNLOADER.download(
          server.base() + "v.txt", part, "v.txt", 10_000, ProgressListener.none()));
      assertTrue(e.getMessage().contains(Downloader.sourceFile(part).toString()), e.getMessage());
    }
  }
}
