package dev.askpage.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The {@code ask} request's {@code floor} field (PROTOCOL.md): a number from 0 to 1, optional. */
class AskFloorFieldTest {
  private final RequestParser parser = new RequestParser(Limits.defaults());

  private Request.Ask ask(String floorJson) throws ProtocolException {
    String json = "{\"id\":1,\"type\":\"ask\",\"question\":\"q\",\"text\":\"t\"" + floorJson + "}";
    return (Request.Ask) parser.request(parser.object(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void absentOrNullFloorIsEmpty() throws ProtocolException {
    assertTrue(ask("").floor().isEmpty());
    assertTrue(ask(",\"floor\":null").floor().isEmpty());
  }

  @Test
  void floorFromZeroToOneIsKept() throws ProtocolException {
    assertEquals(0.0, ask(",\"floor\":0").floor().getAsDouble());
    assertEquals(0.25, ask(",\"floor\":0.25").floor().getAsDouble());
    assertEquals(1.0, ask(",\"floor\":1").floor().getAsDouble());
  }

  @Test
  void floorOutsideTheRangeOrNotANumberIsABadField() {
    for (String bad : new String[] {"-0.1", "1.01", "1e9", "\"0.5\"", "true", "[0.5]", "{}"}) {
      ProtocolException e = assertThrows(ProtocolException.class, () -> ask(",\"floor\":" + bad));
      assertEquals(ErrorCode.BAD_FIELD, e.code(), bad);
      assertTrue(e.getMessage().contains("floor"), e.getMessage());
    }
  }
}
