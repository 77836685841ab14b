package dev.askpage.session;

import com.google.gson.JsonElement;
import dev.askpage.protocol.Request;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

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

  /** Whether the ask's one reply has been written; guarded by this. */
  private boolean replied;

  /**
   * Synchronised with the writing of this ask's replies: once this returns true, no partial reply of this ask will be
   * written and its reply is the {@code cancelled} error; false when it was already cancelled or has replied.
   */
  synchronized boolean cancel() {
    return !replied && cancelled.compareAndSet(false, true);
  }

  /**
   * Marks the ask cancelled without waiting for a reply being written (which needs a reader of the pipe): for the end
   * of the session, when no more replies matter and the writer is about to be sealed.
   */
  void stop() {
    cancelled.set(true);
  }

  /**
   * Writes the ask's answers unless it was cancelled first; false then (nothing written: the caller replies
   * {@code cancelled}), so that a cancel answered {@code true} is never followed by answers.
   */
  synchronized boolean answerUnlessCancelled(Runnable send) {
    if (cancelled.get()) {
      return false;
    }
    send.run();
    replied = true;
    return true;
  }

  /**
   * Writes the ask's one error reply: {@code cancelledReply} when the ask was cancelled (whatever stopped it: the
   * cancel's reply promised that), else {@code error}. Chosen under the lock {@link #cancel} takes, so a cancel is
   * either answered {@code true} and followed by {@code cancelledReply}, or comes after and finds the ask finished.
   */
  synchronized void fail(String error, String cancelledReply, Consumer<String> send) {
    send.accept(cancelled.get() ? cancelledReply : error);
    replied = true;
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
