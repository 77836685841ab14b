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

  boolean cancel() {
    return cancelled.compareAndSet(false, true);
  }

  boolean isCancelled() {
    return cancelled.get();
  }
}
