package dev.askpage.session;

import com.google.gson.JsonElement;
import dev.askpage.protocol.Request;
import java.util.concurrent.atomic.AtomicBoolean;

/** An ask on its way through the worker, cancellable by id or by a newer ask for the same tab. */
final class AskTask {
  final Request.Ask request;
  final long receivedAtMillis;
  private final AtomicBoolean cancelled = new AtomicBoolean();

  AskTask(Request.Ask request, long receivedAtMillis) {
    this.request = request;
    this.receivedAtMillis = receivedAtMillis;
  }

  JsonElement id() {
    return request.id();
  }

  /** Synchronised with {@link #unlessCancelled}: once this returns, no partial reply of this ask will be written. */
  synchronized boolean cancel() {
    return cancelled.compareAndSet(false, true);
  }

  /** Runs {@code send} unless the ask is cancelled, so that no partial reply follows a cancel. */
  synchronized void unlessCancelled(Runnable send) {
    if (!cancelled.get()) {
      send.run();
    }
  }

  boolean isCancelled() {
    return cancelled.get();
  }
}
