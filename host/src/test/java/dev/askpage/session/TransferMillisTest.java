package dev.askpage.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** {@code timings.transferMs} comes only from a plausible sender clock. */
class TransferMillisTest {
  private static final long NOW = 1_764_460_800_000L;

  @Test
  void aPlausibleClockGivesTheDifference() {
    assertEquals(OptionalLong.of(12), HostSession.transferMillis(NOW, NOW - 12));
    assertEquals(OptionalLong.of(0), HostSession.transferMillis(NOW, NOW + 500)); // sender slightly ahead
  }

  @Test
  void anAbsurdClockGivesNoTransferTime() {
    for (double sentAt : new double[] {-1e308, 1e308, 0, -NOW, NOW + 3_600_000.0, NOW - 86_400_000.0,
        Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      assertEquals(OptionalLong.empty(), HostSession.transferMillis(NOW, sentAt), String.valueOf(sentAt));
    }
  }
}
