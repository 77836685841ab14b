package dev.askpage.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.askpage.window.Window;
import org.junit.jupiter.api.Test;

class WindowBenchCommandTest {
  // [CLS] q1 q2 [SEP] c1 c2 c3 [SEP]
  private static final Window SHORT = new Window(new int[] {101, 7, 8, 102, 21, 22, 23, 102}, 4, new int[0],
      new int[0], new boolean[0]);

  @Test
  void aShortWindowGrowsWithItsOwnContextAndKeepsItsClosingSeparator() {
    Window full = WindowBenchCommand.fullLength(SHORT, 12);
    assertArrayEquals(new int[] {101, 7, 8, 102, 21, 22, 23, 21, 22, 23, 21, 102}, full.inputIds());
    assertEquals(4, full.contextStart());
    assertEquals(0, full.typeId(2));
    assertEquals(1, full.typeId(9));
  }

  @Test
  void aFullWindowIsUsedAsItIs() {
    assertSame(SHORT, WindowBenchCommand.fullLength(SHORT, 8));
  }

  @Test
  void aLongerWindowIsCutToTheLengthAndKeepsItsClosingSeparator() {
    Window cut = WindowBenchCommand.fullLength(SHORT, 6);
    assertArrayEquals(new int[] {101, 7, 8, 102, 21, 102}, cut.inputIds());
  }
}
