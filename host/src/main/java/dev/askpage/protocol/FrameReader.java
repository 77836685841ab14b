package dev.askpage.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Reads native messaging frames: a 32-bit length in native byte order, then that many bytes. */
public final class FrameReader {
  private final InputStream in;
  private final int maxFrameBytes;
  private final byte[] header = new byte[4];

  public FrameReader(InputStream in, int maxFrameBytes) {
    this.in = in;
    this.maxFrameBytes = maxFrameBytes;
  }

  /** The next frame; blocks until one is whole, the input ends, or an oversized frame has been skipped. */
  public Frame next() throws IOException {
    int got = readFully(header, header.length);
    if (got == 0) {
      return new Frame.End(false);
    }
    if (got < header.length) {
      return new Frame.End(true);
    }
    long length = Integer.toUnsignedLong(ByteBuffer.wrap(header).order(ByteOrder.nativeOrder()).getInt());
    if (length > maxFrameBytes) {
      return skip(length) ? new Frame.TooLarge(length) : new Frame.End(true);
    }
    byte[] payload;
    try {
      payload = new byte[(int) length];
    } catch (OutOfMemoryError e) {
      // Pages held and asks queued can leave no room for a large frame; drop it, not the connection.
      return skip(length) ? new Frame.NoMemory(length) : new Frame.End(true);
    }
    if (readFully(payload, payload.length) < payload.length) {
      return new Frame.End(true);
    }
    return new Frame.Payload(payload);
  }

  private int readFully(byte[] buffer, int length) throws IOException {
    int total = 0;
    while (total < length) {
      int n = in.read(buffer, total, length - total);
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total;
  }

  /** Discards an oversized frame's bytes; false when the input ends first. */
  private boolean skip(long length) throws IOException {
    byte[] sink = new byte[64 * 1024];
    long left = length;
    while (left > 0) {
      int n = in.read(sink, 0, (int) Math.min(sink.length, left));
      if (n < 0) {
        return false;
      }
      left -= n;
    }
    return true;
  }
}
