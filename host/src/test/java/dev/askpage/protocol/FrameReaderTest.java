package dev.askpage.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FrameReaderTest {
  private static final int LIMIT = 100;

  private static byte[] header(long length) {
    return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt((int) length).array();
  }

  private static byte[] frame(String payload) {
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    return concat(header(bytes.length), bytes);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static FrameReader reader(byte[] bytes) {
    return new FrameReader(new ByteArrayInputStream(bytes), LIMIT);
  }

  @Test
  void readsFramesThenEnd() throws IOException {
    FrameReader r = reader(concat(frame("{\"a\":1}"), frame("[]")));
    assertArrayEquals("{\"a\":1}".getBytes(StandardCharsets.UTF_8), ((Frame.Payload) r.next()).bytes());
    assertArrayEquals("[]".getBytes(StandardCharsets.UTF_8), ((Frame.Payload) r.next()).bytes());
    assertEquals(new Frame.End(false), r.next());
    assertEquals(new Frame.End(false), r.next());
  }

  @Test
  void emptyInputIsACleanEnd() throws IOException {
    assertEquals(new Frame.End(false), reader(new byte[0]).next());
  }

  @Test
  void cutOffHeaderIsACutEnd() throws IOException {
    for (int keep = 1; keep < 4; keep++) {
      assertEquals(new Frame.End(true), reader(Arrays.copyOf(header(5), keep)).next(), keep + " header bytes");
    }
  }

  @Test
  void cutOffPayloadIsACutEnd() throws IOException {
    byte[] whole = frame("{\"id\":1}");
    FrameReader r = reader(concat(frame("{}"), Arrays.copyOf(whole, whole.length - 1)));
    assertEquals(Frame.Payload.class, r.next().getClass());
    assertEquals(new Frame.End(true), r.next());
  }

  @Test
  void zeroLengthFrameIsAnEmptyPayload() throws IOException {
    FrameReader r = reader(concat(header(0), frame("{}")));
    assertArrayEquals(new byte[0], ((Frame.Payload) r.next()).bytes());
    assertArrayEquals("{}".getBytes(StandardCharsets.UTF_8), ((Frame.Payload) r.next()).bytes());
  }

  @Test
  void frameAtTheLimitIsRead() throws IOException {
    byte[] payload = new byte[LIMIT];
    assertEquals(LIMIT, ((Frame.Payload) reader(concat(header(LIMIT), payload)).next()).bytes().length);
  }

  @Test
  void oversizedFrameIsSkippedAndTheNextOneRead() throws IOException {
    byte[] big = new byte[LIMIT + 1];
    Arrays.fill(big, (byte) '{');
    FrameReader r = reader(concat(header(big.length), big, frame("{\"id\":2}")));
    assertEquals(new Frame.TooLarge(LIMIT + 1), r.next());
    assertArrayEquals("{\"id\":2}".getBytes(StandardCharsets.UTF_8), ((Frame.Payload) r.next()).bytes());
    assertEquals(new Frame.End(false), r.next());
  }

  @Test
  void hugeDeclaredLengthIsUnsignedAndEndsCutWhenInputEnds() throws IOException {
    // 0xFFFFFFF0 must not read as a negative length; the input ends long before it.
    FrameReader r = reader(concat(header(0xFFFFFFF0L), new byte[10]));
    assertEquals(new Frame.End(true), r.next());
  }

  @Test
  void oversizedFrameCutOffEndsCut() throws IOException {
    assertEquals(new Frame.End(true), reader(concat(header(LIMIT + 50), new byte[LIMIT])).next());
  }

  @Test
  void readsFramesThatArriveOneByteAtATime() throws IOException {
    byte[] bytes = concat(frame("{\"a\":\"Grüße\"}"), frame("{}"));
    InputStream trickle = new InputStream() {
      private int at;

      @Override
      public int read() {
        return at < bytes.length ? bytes[at++] & 0xFF : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (at >= bytes.length) {
          return -1;
        }
        b[off] = bytes[at++];
        return 1;
      }
    };
    FrameReader r = new FrameReader(trickle, LIMIT);
    assertEquals("{\"a\":\"Grüße\"}", new String(((Frame.Payload) r.next()).bytes(), StandardCharsets.UTF_8));
    assertEquals("{}", new String(((Frame.Payload) r.next()).bytes(), StandardCharsets.UTF_8));
    assertEquals(new Frame.End(false), r.next());
  }
}
