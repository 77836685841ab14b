package dev.askpage.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.askpage.eval.SquadDataset;
import dev.askpage.models.SharedData;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The soak's pages and verdict, and the progressive figures' ratios. */
class SoakAndProgressiveReportTest {
  @Test
  void soakPagesAreDistinctAndEachHasQuestions() throws Exception {
    SquadDataset squad = SquadDataset.read(SharedData.resolve("squad/dev-v1.1.json"));
    List<SoakBench.SoakPage> pages = SoakBench.pages(squad, 100);
    assertEquals(100, pages.size());
    assertEquals(100, new HashSet<>(pages.stream().map(SoakBench.SoakPage::text).toList()).size(),
        "more distinct pages than the page cache holds");
    assertTrue(pages.stream().noneMatch(p -> p.questions().isEmpty()));
  }

  @Test
  void theSoakHoldsOnlyWithoutOtherErrorsWithTheHostAliveAndRssWithin15Percent() {
    assertTrue(soak(List.of(), 100, 114, true, 0).holds());
    assertTrue(soak(List.of(), 100, 86, true, 0).holds());
    assertFalse(soak(List.of(), 100, 116, true, 0).holds(), "RSS grew 16 %");
    assertFalse(soak(List.of("busy for \"s9\""), 100, 100, true, 0).holds(), "an error other than cancelled");
    assertFalse(soak(List.of(), 100, 100, false, 0).holds(), "the host exited");
    assertFalse(soak(List.of(), 100, 100, true, 1).holds(), "a bad exit status");
    String md = soak(List.of(), 100, 106.6, true, 0).toMarkdown("Some CPU", 2, 1.5, 2.5);
    assertTrue(md.contains("Some CPU") && md.contains("+6.6 %") && md.contains("| yes |"), md);
  }

  @Test
  void progressiveRatiosAreMediansOverWAndSummedFinalsOverPlain() {
    ProgressiveBench.Progressive p = new ProgressiveBench.Progressive(4, List.of(100.0, 200.0, 100.0),
        List.of(110.0, 180.0, 90.0), List.of(400.0, 800.0, 400.0), List.of(400.0, 800.0, 400.0));
    assertEquals(0.9, p.partialOverW(), 1e-9);
    assertEquals(1.0, p.finalOverPlain(), 1e-9);
    assertEquals(100.0, p.medianW(), 1e-9);
    assertTrue(p.toMarkdown("Some CPU", 2, 1, 1, "model").contains("| 0.90 |"));
  }

  private static SoakBench.Soak soak(List<String> unexpected, double rssFirst, double rssEnd, boolean alive,
      int status) {
    return new SoakBench.Soak("tiny", 2000, 100, 400, 50, Map.of("answers", 1990, "cancelled", 10), unexpected,
        rssFirst, rssEnd, alive, status, 0, 60);
  }
}
