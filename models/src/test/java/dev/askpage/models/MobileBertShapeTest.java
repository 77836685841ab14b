package dev.askpage.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MobileBertShapeTest {
  @Test
  void fullIsMobileBertsArchitecture() {
    MobileBertShape full = MobileBertShape.of(SyntheticSize.FULL);
    assertEquals(24, full.layers());
    assertEquals(512, full.hidden());
    assertEquals(128, full.trueHidden());
    assertEquals(32, full.headSize());
    assertEquals(24_582_914L, full.parameterCount(30522));
  }

  @Test
  void tinyIsSmall() {
    long tiny = MobileBertShape.of(SyntheticSize.TINY).parameterCount(30522);
    assertTrue(tiny < 2_000_000, "tiny has " + tiny + " parameters");
  }

  @Test
  void parameterCountMatchesTheWrittenGraph() {
    for (SyntheticSize size : SyntheticSize.values()) {
      MobileBertShape shape = MobileBertShape.of(size);
      assertEquals(shape.parameterCount(30522), MobileBertWriter.graph(shape, 30522, 1).parameterCount(), size.name());
    }
  }

  @Test
  void headsMustDivideTheBottleneck() {
    assertThrows(IllegalArgumentException.class, () -> new MobileBertShape(1, 64, 30, 4, 64, 16, 4, 512, 2));
  }
}
