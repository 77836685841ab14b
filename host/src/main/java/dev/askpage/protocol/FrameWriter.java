package dev.askpage.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Writes whole frames to the browser; thread-safe, one frame at a time, flushed. */
public final class FrameWriter {
  private final OutputStream out;
  private final int maxReplyBytes;

  public FrameWriter(OutputStream out, int maxReplyBytes) {
    this.out = out;
    this.maxReplyBytes = maxReplyBytes;
  }

  /**
   * Writes one JSON payload.
   *
   * @throws ReplyTooLargeException when the payload is over the reply limit (nothing is written)
   */
  public synchronized void write(String json) throws IOException, ReplyTooLargeException {
    byte[] payload = json.getBytes(StandardCharsets.UTF_8);
    if (payload.length >= maxReplyBytes) {
      throw new ReplyTooLargeException(payload.length);
    }
    byte[] header = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(payload.length).array();
    out.write(header);
    out.write(payload);
    out.flush();
  }

  /** Writes a payload known to be small (an error reply). */
  public synchronized void writeUnchecked(String json) throws IOException {
    try {
      write(json);
    } catch (ReplyTooLargeException e) {
      throw new IllegalStateException("a small reply cannot be over the limit", e);
    }
  }

  /** A reply that would break the browser's 1 MB limit. */
  public static final class ReplyTooLargeException extends Exception {
    public ReplyTooLargeException(int bytes) {
      super("reply of " + bytes + " bytes is over the limit");
    }
  }
}
