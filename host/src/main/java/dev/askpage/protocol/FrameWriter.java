package dev.askpage.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/** Writes whole frames to the browser; thread-safe, one frame at a time, flushed; sealed before the process ends. */
public final class FrameWriter {
  private final OutputStream out;
  private final int maxReplyBytes;
  private final ReentrantLock lock = new ReentrantLock();
  private boolean sealed;

  public FrameWriter(OutputStream out, int maxReplyBytes) {
    this.out = out;
    this.maxReplyBytes = maxReplyBytes;
  }

  /**
   * Writes one JSON payload.
   *
   * @throws ReplyTooLargeException when the payload is over the reply limit (nothing is written)
   * @throws IOException when the pipe is closed, or the writer is {@link #seal sealed} (nothing is written)
   */
  public void write(String json) throws IOException, ReplyTooLargeException {
    byte[] payload = json.getBytes(StandardCharsets.UTF_8);
    if (payload.length >= maxReplyBytes) {
      throw new ReplyTooLargeException(payload.length);
    }
    byte[] header = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(payload.length).array();
    lock.lock();
    try {
      if (sealed) {
        throw new IOException("the host is ending; no more frames");
      }
      out.write(header);
      out.write(payload);
      out.flush();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Lets the frame being written (if any) finish, waiting at most {@code timeout}, and starts no other: after this the
   * process can end without leaving half a frame on stdout. A write blocked that long (nobody reads the pipe) is given
   * up on.
   *
   * @return false when a frame was still being written after {@code timeout}
   */
  public boolean seal(Duration timeout) throws InterruptedException {
    if (!lock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
      return false;
    }
    try {
      sealed = true;
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Writes a payload known to be small (an error reply). */
  public void writeUnchecked(String json) throws IOException {
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
