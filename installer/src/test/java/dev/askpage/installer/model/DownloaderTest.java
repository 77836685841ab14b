package dev.askpage.installer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
      DOWNLOADER.download(server.base() + "v.txt", part, "v.txt", ProgressListener.none());
      assertArrayEquals(body, Files.readAllBytes(part));
      assertEquals(List.of("bytes=30000-"), server.ranges);
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
}
