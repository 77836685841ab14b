package dev.askpage.installer.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** Uses {@code cat} as the host: every frame sent comes back unchanged. */
class HostClientTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static HostClient cat() throws IOException {
    return HostClient.start(List.of("cat"), Map.of());
  }

  private static JsonObject hello(int id) {
    JsonObject message = new JsonObject();
    message.addProperty("id", id);
    message.addProperty("type", "hello");
    return message;
  }

  @Test
  void roundTripsFrames() throws Exception {
    try (HostClient client = cat()) {
      client.send(hello(1));
      client.send(hello(2));
      assertEquals(hello(1), client.receive(WAIT));
      assertEquals(hello(2), client.receive(WAIT));
    }
  }

  @Test
  void roundTripsNonAsciiText() throws Exception {
    try (HostClient client = cat()) {
      JsonObject ask = hello(3);
      ask.addProperty("text", "Grüße, 東京 🙂");
      client.send(ask);
      assertEquals(ask, client.receive(WAIT));
    }
  }

  @Test
  void timesOutAndLaterFrameIsNotLost() throws Exception {
    try (HostClient client = cat()) {
      assertThrows(TimeoutException.class, () -> client.receive(Duration.ofMillis(100)));
      client.send(hello(4));
      assertEquals(hello(4), client.receive(WAIT));
    }
  }

  @Test
  void endOfStreamIsEof() throws Exception {
    try (HostClient client = cat()) {
      client.closeInput();
      assertThrows(EOFException.class, () -> client.receive(WAIT));
    }
  }

  @Test
  void streamEndingInsideFrameIsEof() throws Exception {
    try (HostClient client = cat()) {
      byte[] frame = Frames.encode("{\"id\":5}");
      byte[] cut = new byte[frame.length - 3];
      System.arraycopy(frame, 0, cut, 0, cut.length);
      client.sendRaw(cut);
      client.closeInput();
      EOFException e = assertThrows(EOFException.class, () -> client.receive(WAIT));
      assertTrue(e.getMessage().contains("inside a frame"), e.getMessage());
    }
  }

  @Test
  void invalidJsonIsMalformed() throws Exception {
    try (HostClient client = cat()) {
      client.sendRaw(Frames.encode("{not json"));
      assertThrows(MalformedFrameException.class, () -> client.receive(WAIT));
    }
  }

  @Test
  void jsonThatIsNotAnObjectIsMalformed() throws Exception {
    try (HostClient client = cat()) {
      client.sendRaw(Frames.encode("[1,2]"));
      assertThrows(MalformedFrameException.class, () -> client.receive(WAIT));
    }
  }

  @Test
  void invalidUtf8IsMalformed() throws Exception {
    try (HostClient client = cat()) {
      client.sendRaw(Frames.encode(new byte[] {'"', (byte) 0xC3, '"'}));
      assertThrows(MalformedFrameException.class, () -> client.receive(WAIT));
    }
  }

  @Test
  void oversizedDeclaredLengthIsMalformed() throws Exception {
    try (HostClient client = cat()) {
      byte[] header = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(-1).array();
      client.sendRaw(header);
      assertThrows(MalformedFrameException.class, () -> client.receive(WAIT));
    }
  }

  @Test
  void keepsStderrAndPassesEnvironment() throws Exception {
    try (HostClient client = HostClient.start(
        List.of("sh", "-c", "echo \"to stderr $ASKPAGE_TEST\" >&2; exec cat"), Map.of("ASKPAGE_TEST", "x y"))) {
      client.send(hello(6));
      assertEquals(hello(6), client.receive(WAIT));
      client.closeInput();
      client.process().waitFor();
      assertTrue(client.stderrText().contains("to stderr x y"), client.stderrText());
    }
  }

  @Test
  void stderrOfAnEndedProcessIsReadToTheEnd() throws Exception {
    // Nearly a pipe's worth written just before exiting: the pump is still reading when waitFor returns.
    for (int run = 0; run < 20; run++) {
      try (HostClient client = HostClient.start(
          List.of("sh", "-c", "head -c 60000 /dev/zero | tr '\\0' a >&2; echo last-words >&2"), Map.of())) {
        client.process().waitFor();
        String text = client.stderrText();
        assertTrue(text.endsWith("last-words\n"), "ended with: " + text.substring(Math.max(0, text.length() - 40)));
      }
    }
  }

  @Test
  void closeDestroysProcess() throws Exception {
    HostClient client = cat();
    client.close();
    assertTrue(!client.process().isAlive());
  }

  @Test
  void missingProgramFailsToStart() {
    assertThrows(IOException.class,
        () -> HostClient.start(List.of("/nonexistent/askpage-host"), Map.of()));
  }
}
