package dev.askpage.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonPrimitive;
import dev.askpage.protocol.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** A cancel answered {@code true} means the ask's reply is {@code cancelled}, never answers, whichever comes first. */
class AskTaskTest {
  private static AskTask task() {
    return new AskTask(new Request.Ask(new JsonPrimitive(1), "who?", Optional.of("page"), Optional.empty(),
        OptionalInt.empty(), OptionalInt.empty(), Optional.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
        Optional.empty(), true), 0);
  }

  @Test
  void answersAreNotWrittenAfterACancelThatSucceeded() {
    AskTask task = task();
    List<String> written = new ArrayList<>();
    assertTrue(task.cancel());
    task.unlessCancelled(() -> written.add("partial"));
    assertFalse(task.answerUnlessCancelled(() -> written.add("answers")));
    assertEquals(List.of(), written);
  }

  @Test
  void aCancelAfterTheAnswersSaysTheAskWasNotCancelled() {
    AskTask task = task();
    List<String> written = new ArrayList<>();
    task.unlessCancelled(() -> written.add("partial"));
    assertTrue(task.answerUnlessCancelled(() -> written.add("answers")));
    assertFalse(task.cancel(), "the ask had already replied with its answers");
    assertEquals(List.of("partial", "answers"), written);
  }

  @Test
  void stoppingDoesNotWaitForAReplyBeingWritten() throws Exception {
    AskTask task = task();
    java.util.concurrent.CountDownLatch writing = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    Thread writer = new Thread(() -> task.answerUnlessCancelled(() -> {
      writing.countDown();
      try {
        release.await(); // a write blocked on a pipe nobody reads
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }));
    writer.start();
    writing.await();
    task.stop(); // returns while the write is blocked (the test would hang here otherwise)
    assertTrue(task.isCancelled());
    release.countDown();
    writer.join();
  }

  @Test
  void aCancelAfterAnErrorReplySaysTheAskWasNotCancelled() {
    AskTask task = task();
    List<String> written = new ArrayList<>();
    task.fail("model_failed", "cancelled", written::add);
    assertFalse(task.cancel());
    assertEquals(List.of("model_failed"), written);
  }

  @Test
  void anAskCancelledBeforeItFailsRepliesCancelled() {
    AskTask task = task();
    List<String> written = new ArrayList<>();
    assertTrue(task.cancel());
    task.fail("model_failed", "cancelled", written::add);
    assertEquals(List.of("cancelled"), written);
  }

  @Test
  void aCancelThatGetsInWhileTheErrorWaitsToBeWrittenIsFollowedByCancelled() throws Exception {
    AskTask task = task();
    List<String> written = new java.util.concurrent.CopyOnWriteArrayList<>();
    Thread worker = new Thread(() -> task.fail("model_failed", "cancelled", written::add));
    boolean cancelled;
    synchronized (task) { // the lock a reply being written (a partial, say) holds: the error waits for it
      worker.start();
      while (worker.getState() != Thread.State.BLOCKED) {
        Thread.onSpinWait();
      }
      cancelled = task.cancel(); // the browser's cancel is read meanwhile
    }
    worker.join();
    assertTrue(cancelled, "the ask had not replied yet");
    assertEquals(List.of("cancelled"), written, "a cancel answered true is followed by the ask's cancelled error");
  }
}
