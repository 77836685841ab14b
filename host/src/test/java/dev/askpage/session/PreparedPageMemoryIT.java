package dev.askpage.session;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.askpage.engine.EngineSettings;
import dev.askpage.engine.PreparedPage;
import dev.askpage.engine.QaEngine;
import dev.askpage.tokenizer.Vocabulary;
import dev.askpage.tokenizer.WordPieceTokenizer;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * What a prepared 5 M-character page really holds on the heap (measured after full collections), per character, and
 * how close {@link PreparedPage#heapBytes()}, which the page cache counts, comes to it.
 */
class PreparedPageMemoryIT {
  private static final int CHARS = 5_000_000;
  /** The target of issue 11. */
  private static final double MAX_BYTES_PER_CHAR = 16;

  @Test
  void aTokenisedPageHoldsAtMostSixteenBytesPerCharacterAndHeapBytesSaysSo() throws Exception {
    QaEngine engine = QaEngine.tokenizedWithoutModel(new WordPieceTokenizer(Vocabulary.load(TestModels.vocabulary())),
        EngineSettings.defaults());
    check("tokenised", engine, BigPages.page(1, CHARS));
  }

  @Test
  void aLexicalPageWithItsSentenceIndexToo() throws Exception {
    check("lexical", QaEngine.lexical(EngineSettings.defaults()), BigPages.page(2, CHARS));
  }

  /**
   * The worst case for the token arrays: one token per character (CJK ideographs each are a token), and a distinct
   * term for nearly every run between spaces. Over the 16-byte target, so its bound is its own; 2 M characters keep the
   * run short.
   */
  @Test
  void aPageOfOneTokenPerCharacterIsCountedToo() throws Exception {
    QaEngine engine = QaEngine.tokenizedWithoutModel(new WordPieceTokenizer(Vocabulary.load(TestModels.vocabulary())),
        EngineSettings.defaults());
    java.util.Random random = new java.util.Random(3);
    StringBuilder text = new StringBuilder(2_000_000);
    while (text.length() < 2_000_000) {
      int c = random.nextInt(12);
      text.append(c == 0 ? '\u3002' : c == 1 ? ' ' : (char) (0x4E00 + random.nextInt(3000)));
    }
    check("one token per char", engine, text.toString(), 30);
  }

  private static void check(String kind, QaEngine engine, String text) {
    check(kind, engine, text, MAX_BYTES_PER_CHAR);
  }

  private static void check(String kind, QaEngine engine, String text, double maxBytesPerChar) {
    engine.prepare(text.substring(0, 10_000)); // load classes before measuring
    long before = usedAfterGc();
    PreparedPage page = engine.prepare(text);
    long after = usedAfterGc();
    // The text existed before; the page holds it, so count it as heapBytes does.
    long measured = after - before + stringBytes(text);
    long counted = page.heapBytes();
    double measuredPerChar = (double) measured / text.length();
    System.out.printf("%s page of %d chars: measured %.2f bytes/char (%d MiB), heapBytes %.2f bytes/char (%+.1f %%)%n",
        kind, text.length(), measuredPerChar, measured >> 20, (double) counted / text.length(),
        100.0 * (counted - measured) / measured);
    assertTrue(measuredPerChar <= maxBytesPerChar, kind + ": " + measuredPerChar + " bytes per char");
    // G1 (the test JVM's collector; the installed host runs SerialGC) gives each array over half a region whole
    // regions, which heapBytes does not count: up to a region per large array.
    assertTrue(Math.abs(counted - measured) <= 0.2 * measured, kind + ": heapBytes " + counted + " vs " + measured);
    assertTrue(page.passages().size() > 0); // keeps the page reachable until after the measurement
  }

  private static long stringBytes(String s) {
    return dev.askpage.retrieve.HeapSize.string(s);
  }

  private static long usedAfterGc() {
    var memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
