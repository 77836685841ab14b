package dev.askpage.session;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.askpage.protocol.ErrorCode;
import dev.askpage.protocol.ProtocolException;
import org.junit.jupiter.api.Test;

/** Asks and prepares each have their own count bound and one bound on the characters they hold together. */
class WaitingRequestsTest {
  @Test
  void thePageTextOfPreparesCountsAgainstTheAsksAndBack() throws ProtocolException {
    WaitingRequests asks = WaitingRequests.of(16, 100, "asks busy");
    WaitingRequests prepares = asks.sharingCharsWith(16, "prepares busy");
    prepares.admit(80);
    ProtocolException busy = assertThrows(ProtocolException.class, () -> asks.admit(30));
    assertEquals(ErrorCode.BUSY, busy.code());
    assertEquals("asks busy", busy.getMessage());
    asks.admit(20);
    prepares.release(80);
    assertDoesNotThrow(() -> asks.admit(80));
  }

  @Test
  void eachQueueHasItsOwnCount() throws ProtocolException {
    WaitingRequests asks = WaitingRequests.of(1, 100, "asks busy");
    WaitingRequests prepares = asks.sharingCharsWith(2, "prepares busy");
    asks.admit(1);
    assertThrows(ProtocolException.class, () -> asks.admit(1));
    prepares.admit(1);
    prepares.admit(1);
    assertEquals("prepares busy", assertThrows(ProtocolException.class, () -> prepares.admit(1)).getMessage());
    asks.release(1);
    assertDoesNotThrow(() -> asks.admit(1));
  }
}
