package dev.askpage.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  private final StringWriter bytes = new StringWriter();
  private final PrintWriter out = new PrintWriter(bytes, true);
  private final AtomicLong clock = new AtomicLong();

  private String written() {
    return bytes.toString();
  }

  @Test
  void withoutATerminalPrintsOneLinePerFivePercent() {
    ProgressBar bar = new ProgressBar("eval", 1000, out, false, clock::get);
    for (int i = 0; i < 1000; i++) {
      clock.addAndGet(10_000_000L);
      bar.step();
    }
    bar.finish();
    String[] lines = written().split("\n");
    assertEquals(20, lines.length);
    assertEquals("eval 50/1000 5% 100.0/s ETA 0:10", lines[0]);
    assertEquals("eval 1000/1000 100% 100.0/s ETA 0:00", lines[19]);
    assertTrue(!written().contains("\r"));
  }

  @Test
  void onATerminalRedrawsOneLineAtMostTenTimesASecond() {
    ProgressBar bar = new ProgressBar("eval", 100, out, true, clock::get);
    for (int i = 0; i < 100; i++) {
      clock.addAndGet(10_000_000L); // 10 ms per item, one second in all
      bar.step();
    }
    bar.finish();
    String text = written();
    long redraws = text.chars().filter(c -> c == '\r').count();
    assertTrue(redraws >= 10 && redraws <= 13, "redraws: " + redraws);
    assertTrue(text.endsWith("\reval 100/100 100% 100.0/s ETA 0:00" + System.lineSeparator()));
  }

  @Test
  void etaIsUnknownBeforeTimePasses() {
    ProgressBar bar = new ProgressBar("x", 10, out, false, clock::get);
    assertEquals("x 0/10 0% 0.0/s ETA ?", bar.line(clock.get()));
  }

  @Test
  void durationsReadAsMinutesOrHours() {
    assertEquals("0:07", ProgressBar.formatDuration(7));
    assertEquals("2:05", ProgressBar.formatDuration(125));
    assertEquals("1:00:01", ProgressBar.formatDuration(3601));
  }
}
