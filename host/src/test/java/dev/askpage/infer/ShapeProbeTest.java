package dev.askpage.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.askpage.models.onnx.OnnxValueShapes.Dim;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShapeProbeTest {
  /** Three probes of a value whose shape is {@code shape(batch, sequence)}. */
  private static List<ShapeProbe.Run> runs(java.util.function.BiFunction<Long, Long, long[]> shape) {
    long[][] probes = {{2, 7}, {3, 11}, {5, 13}};
    return java.util.Arrays.stream(probes)
        .map(p -> new ShapeProbe.Run(p[0], p[1], Map.of("v", shape.apply(p[0], p[1])), Map.of("v", 1)))
        .toList();
  }

  @Test
  void dimensionsThatFollowTheBatchOrTheSequenceAreNamedAndOthersFixedOrUnknown() {
    var shape = ShapeProbe.classify("v", runs((b, s) -> new long[] {b, 4, s, s - 1, 512}));
    assertEquals(List.of(Dim.named("batch"), Dim.fixed(4), Dim.named("sequence"), Dim.UNKNOWN, Dim.fixed(512)),
        shape.dims());
    assertEquals(1, shape.elementType());
  }

  @Test
  void aValueMissingFromAProbeOrChangingRankHasNoShape() {
    assertNull(ShapeProbe.classify("w", runs((b, s) -> new long[] {b})));
    assertNull(ShapeProbe.classify("v", runs((b, s) -> b == 3 ? new long[] {b, s} : new long[] {b})));
  }
}
