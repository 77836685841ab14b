package dev.askpage.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Host options out of range stop the host before it serves anything, with a message saying the range. */
class HostOptionsIT {
  @Test
  void aTextLimitThatWouldRefuseEveryPageIsRefused() throws Exception {
    for (String limit : new String[] {"0", "-5", "67108865"}) {
      try (HostProcess host = HostProcess.start("--max-text-chars", limit)) {
        host.closeInput();
        assertEquals(2, host.awaitExit(Duration.ofSeconds(30)), host::stderr);
        assertTrue(host.stderr().contains("--max-text-chars must be from 1 to 67108864"), host::stderr);
      }
    }
  }
}
