package dev.askpage.installer.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

class ProbeTest {
  private static JsonObject json(String text) {
    return JsonParser.parseString(text).getAsJsonObject();
  }

  @Test
  void replyOfTheExpectedTypeAndIdIsRight() {
    assertNull(Probe.checkReply(json("{\"id\":1,\"type\":\"hello\"}"), 1, "hello"));
    assertNull(Probe.checkReply(json("{\"id\":2,\"type\":\"answers\"}"), 2, "answers"));
  }

  @Test
  void wrongIdIsNamed() {
    assertEquals("reply has id 3, not 2", Probe.checkReply(json("{\"id\":3,\"type\":\"answers\"}"), 2, "answers"));
    assertEquals("reply has id null, not 1", Probe.checkReply(json("{\"type\":\"hello\"}"), 1, "hello"));
  }

  @Test
  void wrongTypeIsNamedWithTheError() {
    assertEquals("reply type is answers", Probe.checkReply(json("{\"id\":1,\"type\":\"answers\"}"), 1, "hello"));
    assertEquals("reply type is error: {\"code\":5}",
        Probe.checkReply(json("{\"id\":2,\"type\":\"error\",\"error\":{\"code\":5}}"), 2, "answers"));
  }

  @Test
  void aBrokenModelsMessageIsReadFromHello() {
    assertEquals("model.onnx is not a question-answering export",
        Probe.modelMessage(json("{\"id\":1,\"type\":\"hello\",\"result\":{\"model\":{\"state\":\"broken\","
            + "\"message\":\"model.onnx is not a question-answering export\"}}}")));
    assertNull(Probe.modelMessage(json("{\"id\":1,\"type\":\"hello\",\"result\":{\"model\":{\"state\":\"ready\"}}}")));
  }
}
