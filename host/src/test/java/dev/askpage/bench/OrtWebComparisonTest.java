package dev.askpage.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OrtWebComparisonTest {

  @Test
  void windowsLookLikeQuestionAndContextAndRepeat() {
    int[][] windows = OrtWebComparison.windows(2, 20, 3);
    assertEquals(2, windows.length);
    assertEquals(20, windows[0].length);
    assertEquals(101, windows[0][0]);
    assertEquals(102, windows[0][13]);
    assertEquals(102, windows[1][19]);
    assertArrayEquals(windows[1], OrtWebComparison.windows(2, 20, 3)[1]);
    assertArrayEquals(new int[] {14, 14}, OrtWebComparison.contextStarts(2));
  }

  @Test
  void medianOfOddAndEvenCounts() {
    assertEquals(2.0, OrtWebComparison.median(new double[] {3, 1, 2}));
    assertEquals(2.5, OrtWebComparison.median(new double[] {4, 1, 2, 3}));
  }

  @Test
  void ratioIsOrtWebOverJava() {
    OrtWebComparison.Row row = new OrtWebComparison.Row(4, 160, 10, 15, 8, 16);
    assertEquals(1.5, row.ratio(), 1e-12);
    assertEquals(2.0, row.minRatio(), 1e-12);
  }
}
