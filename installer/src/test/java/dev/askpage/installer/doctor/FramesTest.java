package dev.askpage.installer.doctor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FramesTest {
  @Test
  void pingFrameMatchesProtocolExample() {
    byte[] frame = Frames.encode("{\"id\":4,\"type\":\"ping\"}");
    assertEquals(26, frame.length);
    byte[] header = Arrays.copyOf(frame, 4);
    byte[] expected = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN
        ? new byte[] {0x16, 0, 0, 0}
        : new byte[] {0, 0, 0, 0x16};
    assertArrayEquals(expected, header);
    assertEquals(22, Frames.decodeLength(header));
  }

  @Test
  void lengthCountsUtf8BytesNotChars() {
    byte[] frame = Frames.encode("\"é\"");
    assertEquals(4, Frames.decodeLength(Arrays.copyOf(frame, 4)));
  }

  @Test
  void lengthIsUnsigned() {
    assertEquals(0xFFFF_FFFFL, Frames.decodeLength(new byte[] {-1, -1, -1, -1}));
  }
}
