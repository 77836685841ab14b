package dev.askpage.installer.doctor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Encodes native messaging frames: a 32-bit length in the machine's byte order, then the payload. */
public final class Frames {
  /** The most a frame may declare before the reader refuses it (the host's own browser → host limit). */
  public static final int MAX_FRAME_BYTES = 64 * 1024 * 1024;

  private Frames() {}

  /** One frame around {@code payload}. */
  public static byte[] encode(byte[] payload) {
    ByteBuffer frame = ByteBuffer.allocate(4 + payload.length).order(ByteOrder.nativeOrder());
    frame.putInt(payload.length);
    frame.put(payload);
    return frame.array();
  }

  /** One frame around the UTF-8 bytes of {@code json}. */
  public static byte[] encode(String json) {
    return encode(json.getBytes(StandardCharsets.UTF_8));
  }

  /** The payload length declared by a 4-byte header, as an unsigned value. */
  public static long decodeLength(byte[] header) {
    if (header.length != 4) {
      throw new IllegalArgumentException("a frame header has 4 bytes, not " + header.length);
    }
    return Integer.toUnsignedLong(ByteBuffer.wrap(header).order(ByteOrder.nativeOrder()).getInt());
  }
}
