package dev.askpage.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.askpage.engine.EngineSettings;
import dev.askpage.infer.ThreadPolicy;
import dev.askpage.protocol.Limits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A reply that cannot be sent (over the reply limit, here made small enough for a hello) is replaced by an
 * {@code internal} error carrying the request's id, so the browser is not left waiting for an id that never comes.
 */
class ReplyTooLargeTest {
  @Test
  void theReplacingErrorCarriesTheRequestsId() throws Exception {
    Limits defaults = Limits.defaults();
    Limits tinyReplies = new Limits(defaults.maxFrameBytes(), 300, defaults.maxTextChars(), defaults.maxAnswerChars());
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    in.writeBytes(HostProcess.frame(Requests.json(Requests.hello("h-1")).getBytes(StandardCharsets.UTF_8)));
    in.writeBytes(HostProcess.frame(Requests.json(Requests.ping(2)).getBytes(StandardCharsets.UTF_8)));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ModelService models = ModelService.start(Optional.empty(), ThreadPolicy.defaults(),
        EngineSettings.defaults())) {
      HostSession session = new HostSession(models, HostConfig.defaults().withLimits(tinyReplies), "test");
      assertEquals(0, session.run(new ByteArrayInputStream(in.toByteArray()), out));
    }
    List<JsonObject> replies = HostProcess.parseAll(out.toByteArray());
    assertEquals(2, replies.size(), replies::toString);
    JsonObject replaced = replies.get(0);
    assertEquals(new JsonPrimitive("h-1"), replaced.get("id"), replaced::toString);
    assertEquals("internal", replaced.getAsJsonObject("error").get("name").getAsString());
    assertEquals(HostProcessIT.pong(2), replies.get(1));
  }
}
