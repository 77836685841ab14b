package dev.askpage.installer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {
  @Test
  void lineShowsPercentMegabytesAndRate() {
    assertEquals("model.onnx   [############            ]  50%  12.5/25.0 MB  2.0 MB/s",
        ConsoleProgress.line("model.onnx", 12_500_000, 25_000_000, 2_000_000));
  }

  @Test
  void unknownTotalShowsMegabytesOnly() {
    assertEquals("vocab.txt         0.2 MB", ConsoleProgress.line("vocab.txt", 231_508, -1, 0));
  }

  @Test
  void finishedEndsTheLine() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new ConsoleProgress(new PrintStream(bytes, true)).finished("vocab.txt", 1_000_000);
    assertTrue(bytes.toString().contains("100%"));
    assertTrue(bytes.toString().endsWith("done" + System.lineSeparator()));
  }
}
