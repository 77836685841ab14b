package dev.askpage.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnswerRankingTest {
  @Test
  void nestedCopiesOfTheBestAnswerAreDropped() {
    // "Rollo, agreed to swear" / "agreed to swear" / "swear": one answer, not three.
    Span agreed = new Span(10, 25, 9);
    Span swear = new Span(20, 25, 8);
    Span rollo = new Span(3, 25, 7);
    Span other = new Span(40, 50, 6.5);
    Decoded d = AnswerRanking.rank(List.of(swear, rollo, other, agreed), Double.NaN, 0, 5, 0);
    assertEquals(List.of(agreed, other), d.answers());
  }

  @Test
  void spansThatOnlyTouchDoNotOverlap() {
    Span a = new Span(0, 5, 2);
    Span b = new Span(5, 9, 2);
    assertEquals(List.of(a, b), AnswerRanking.rank(List.of(b, a), Double.NaN, 0, 5, 0).answers());
  }

  @Test
  void aSpanOverlappingOnlyADroppedOneIsKept() {
    Span best = new Span(0, 10, 5);
    Span dropped = new Span(8, 20, 4);
    Span kept = new Span(15, 25, 3);
    assertEquals(List.of(best, kept), AnswerRanking.rank(List.of(kept, dropped, best), Double.NaN, 0, 5, 0).answers());
  }

  @Test
  void keptAnswersNeverOverlapWhateverTheInput() {
    Random random = new Random(7);
    for (int round = 0; round < 200; round++) {
      List<Span> spans = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        int start = random.nextInt(200);
        spans.add(new Span(start, start + 1 + random.nextInt(30), random.nextInt(50)));
      }
      List<Span> kept = AnswerRanking.withoutOverlaps(spans);
      for (int i = 0; i < kept.size(); i++) {
        for (int j = i + 1; j < kept.size(); j++) {
          Span a = kept.get(i);
          Span b = kept.get(j);
          assertTrue(a.end() <= b.start() || b.end() <= a.start(), a + " overlaps " + b);
          assertTrue(a.score() >= b.score());
        }
      }
      // Every dropped span overlaps a kept span at least as good: nothing is lost for no reason.
      for (Span s : spans) {
        if (!kept.contains(s)) {
          assertTrue(kept.stream().anyMatch(k -> k.score() >= s.score() && k.start() < s.end() && s.start() < k.end()),
              s + " dropped without a better overlapping answer");
        }
      }
      List<Span> shuffled = new ArrayList<>(spans);
      Collections.shuffle(shuffled, random);
      assertEquals(kept, AnswerRanking.withoutOverlaps(shuffled), "independent of input order");
    }
  }

  @Test
  void theFloorIsRelativeToTheBestAnswer() {
    // Probability ratios to the best: e^-2 = 0.135 and e^-3 = 0.050.
    List<Span> spans = List.of(new Span(0, 4, 10), new Span(10, 14, 8), new Span(20, 24, 7));
    assertEquals(2, AnswerRanking.rank(spans, Double.NaN, 0, 5, 0.1).answers().size());
    assertEquals(3, AnswerRanking.rank(spans, Double.NaN, 0, 5, 0.04).answers().size());
    assertEquals(1, AnswerRanking.rank(spans, Double.NaN, 0, 5, 0.2).answers().size());
    assertEquals(2, AnswerRanking.rank(spans, Double.NaN, 0, 2, 0).answers().size());
  }

  @Test
  void theBestAnswerStaysEvenWithFloorOne() {
    Decoded d = AnswerRanking.rank(List.of(new Span(0, 4, 1), new Span(9, 12, 0.5)), Double.NaN, 0, 5, 1);
    assertEquals(List.of(new Span(0, 4, 1)), d.answers());
    assertTrue(d.probabilities()[0] < 1, "the dropped candidate still counts in the softmax");
  }

  @Test
  void noCandidatesMeansNoAnswers() {
    Decoded d = AnswerRanking.rank(List.of(), Double.NaN, 0, 5, 0.1);
    assertTrue(d.answers().isEmpty());
    assertTrue(Double.isNaN(d.noAnswerProbability()));
  }

  @Test
  void nullScoreSharesTheSoftmaxWithTheCandidates() {
    Decoded d = AnswerRanking.rank(List.of(new Span(0, 4, 2)), 2, 0.5, 5, 0.1);
    assertEquals(0.5, d.noAnswerProbability(), 1e-12);
    assertEquals(0.5, d.probabilities()[0], 1e-12);
    Decoded none = AnswerRanking.rank(List.of(new Span(0, 4, 2)), 3, 0.5, 5, 0.1);
    assertTrue(none.answers().isEmpty());
    assertEquals(1 / (1 + Math.exp(-1)), none.noAnswerProbability(), 1e-12);
  }

  @Test
  void floorOutsideZeroToOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> AnswerRanking.rank(List.of(), Double.NaN, 0, 5, 1.5));
    assertThrows(IllegalArgumentException.class, () -> AnswerRanking.rank(List.of(), Double.NaN, 0, 5, Double.NaN));
  }
}
