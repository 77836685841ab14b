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
  void aCancelAfterAnErrorReplySaysTheAskWasNotCancelled() {
    AskTask task = task();
    task.fail(() -> { });
    assertFalse(task.cancel());
  }
}
