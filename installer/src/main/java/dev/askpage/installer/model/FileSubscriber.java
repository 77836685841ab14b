package dev.askpage.installer.model;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a response body to a file as it arrives, from byte {@code start} on, so that whatever came before a cut
 * connection is on disk for the next {@code Range} request. Its body is the file's final length. A body that would
 * make the file longer than {@code limit} is cut off with an {@link OverLimitException} before the excess is written.
 */
final class FileSubscriber implements HttpResponse.BodySubscriber<Long> {
  private final CompletableFuture<Long> result = new CompletableFuture<>();
  private final Path file;
  private final long start;
  private final long total;
  private final long limit;
  private final String label;
  private final ProgressListener progress;
  private final AtomicLong lastActivity;
  private final long began = System.nanoTime();
  private FileChannel channel;
  private Flow.Subscription subscription;
  private long done;

  /** The file grew past the length the response or the caller allows. */
  static final class OverLimitException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long limit;

    OverLimitException(long limit) {
      super("the response is longer than " + limit + " bytes");
      this.limit = limit;
    }

    long limit() {
      return limit;
    }
  }

  /** {@code total}: the announced length for progress (-1 unknown); {@code limit}: the most the file may hold. */
  FileSubscriber(Path file, long start, long total, long limit, String label, ProgressListener progress,
      AtomicLong lastActivity) {
    this.file = file;
    this.start = start;
    this.total = total;
    this.limit = limit;
    this.label = label;
    this.progress = progress;
    this.lastActivity = lastActivity;
    this.done = start;
  }

  @Override
  public CompletionStage<Long> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      channel.truncate(start);
      channel.position(start);
    } catch (IOException e) {
      subscription.cancel();
      result.completeExceptionally(e);
      return;
    }
    subscription.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    try {
      for (ByteBuffer buffer : buffers) {
        if (buffer.remaining() > limit - done) {
          throw new OverLimitException(limit);
        }
        while (buffer.hasRemaining()) {
          done += channel.write(buffer);
        }
      }
    } catch (IOException e) {
      subscription.cancel();
      close();
      result.completeExceptionally(e);
      return;
    }
    lastActivity.set(System.nanoTime());
    double seconds = (System.nanoTime() - began) / 1e9;
    progress.progress(label, done, total, seconds > 0 ? (done - start) / seconds : 0);
    subscription.request(1);
  }

  @Override
  public void onError(Throwable error) {
    close();
    result.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    close();
    result.complete(done);
  }

  private void close() {
    try {
      if (channel != null) {
        channel.close();
      }
    } catch (IOException ignored) {
      // The bytes written so far are what matter; the length check after the download catches any loss.
    }
  }
}
