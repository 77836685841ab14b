package dev.askpage.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpanDecoderTest {
  /** A window of [CLS] q [SEP] then context tokens, each context token 5 chars wide, starting at charBase. */
  private static WindowLogits window(float[] start, float[] end, int contextFrom, int charBase) {
    int n = start.length;
    int[] cs = new int[n];
    int[] ce = new int[n];
    int[] seg = new int[n];
    boolean[] max = new boolean[n];
    Arrays.fill(cs, -1);
    Arrays.fill(ce, -1);
    for (int i = contextFrom; i < n - 1; i++) {
      cs[i] = charBase + (i - contextFrom) * 5;
      ce[i] = cs[i] + 4;
      max[i] = true;
    }
    return new WindowLogits(start, end, cs, ce, seg, max, 0);
  }

  private static float[] logits(int n, int peak, float high) {
    float[] l = new float[n];
    Arrays.fill(l, -5f);
    l[peak] = high;
    return l;
  }

  private static Span best(Decoded d) {
    return d.answers().get(0);
  }

  @Test
  void bestSpanIsHighestStartPlusEnd() {
    WindowLogits w = window(logits(10, 4, 8f), logits(10, 6, 7f), 3, 100);
    Decoded d = new SpanDecoder(DecodeOptions.defaults()).decode(List.of(w));
    assertEquals(new Span(105, 119, 15.0), best(d));
  }

  @Test
  void endBeforeStartIsNeverChosen() {
    float[] start = logits(10, 7, 9f);
    float[] end = logits(10, 4, 9f);
    end[8] = 1f;
    Decoded d = new SpanDecoder(DecodeOptions.defaults()).decode(List.of(window(start, end, 3, 0)));
    Span s = best(d);
    assertTrue(s.end() >= s.start());
    assertEquals(20, s.start());
    assertEquals(29, s.end());
  }

  @Test
  void spansLongerThanTheLimitAreSkipped() {
    float[] start = logits(40, 3, 9f);
    float[] end = logits(40, 38, 9f);
    end[5] = 2f;
    DecodeOptions options = DecodeOptions.defaults().withMaxAnswerTokens(30);
    Span s = best(new SpanDecoder(options).decode(List.of(window(start, end, 3, 0))));
    assertEquals(0, s.start());
    assertEquals(14, s.end());
  }

  @Test
  void questionAndSpecialTokensAreNotAnswers() {
    float[] start = logits(10, 1, 50f);
    float[] end = logits(10, 1, 50f);
    start[5] = 1f;
    end[5] = 1f;
    Span s = best(new SpanDecoder(DecodeOptions.defaults()).decode(List.of(window(start, end, 3, 0))));
    assertEquals(new Span(10, 14, 2.0), s);
  }

  @Test
  void onlyNBestStartsAreConsidered() {
    float[] start = new float[30];
    float[] end = new float[30];
    for (int i = 3; i < 29; i++) {
      start[i] = 100 - i;
      end[i] = -100;
    }
    end[27] = 100; // its only good end pairs with starts, the best of which are all before it
    DecodeOptions options = new DecodeOptions(2, 30, 5, false, 0);
    Decoded d = new SpanDecoder(options).decode(List.of(window(start, end, 3, 0)));
    // Starts 3 and 4 are the 2 best; end 27 is within 30 tokens of both.
    assertEquals(0, best(d).start());
    for (Span s : d.answers()) {
      assertTrue(s.start() == 0 || s.start() == 5);
    }
  }

  @Test
  void noAnswerWhenNullScoreBeatsBestSpanByMoreThanThreshold() {
    float[] start = logits(10, 4, 3f);
    float[] end = logits(10, 4, 3f);
    start[0] = 4f;
    end[0] = 4f;
    DecodeOptions options = DecodeOptions.defaults().withNoAnswer(true);
    Decoded d = new SpanDecoder(options).decode(List.of(window(start, end, 3, 0)));
    assertTrue(d.answers().isEmpty());
    assertEquals(8.0, d.nullScore());
    Decoded lenient = new SpanDecoder(options.withNullThreshold(2.5)).decode(List.of(window(start, end, 3, 0)));
    assertEquals(1, lenient.answers().stream().filter(s -> s.score() == 6.0).count());
  }

  @Test
  void nullScoreIsTheMinimumOverWindows() {
    float[] s1 = logits(10, 4, 3f);
    float[] e1 = logits(10, 4, 3f);
    s1[0] = 9f;
    e1[0] = 9f;
    float[] s2 = logits(10, 5, 1f);
    float[] e2 = logits(10, 5, 1f);
    s2[0] = 0f;
    e2[0] = 0f;
    DecodeOptions options = DecodeOptions.defaults().withNoAnswer(true);
    Decoded d = new SpanDecoder(options).decode(List.of(window(s1, e1, 3, 0), window(s2, e2, 3, 100)));
    assertEquals(0.0, d.nullScore());
    assertEquals(new Span(5, 9, 6.0), best(d));
  }

  @Test
  void tokensOutsideTheirMaxContextWindowCannotStartAnAnswer() {
    WindowLogits w = window(logits(10, 4, 9f), logits(10, 5, 9f), 3, 0);
    w.maxContext()[4] = false;
    Span s = best(new SpanDecoder(DecodeOptions.defaults()).decode(List.of(w)));
    assertTrue(s.start() != 5);
  }

  @Test
  void answersDoNotStraddleTwoPackedPassages() {
    WindowLogits w = window(logits(10, 4, 9f), logits(10, 6, 9f), 3, 0);
    w.segment()[6] = 1;
    w.segment()[7] = 1;
    w.segment()[8] = 1;
    Span s = best(new SpanDecoder(DecodeOptions.defaults()).decode(List.of(w)));
    assertTrue(w.segment()[4] == 0 && s.end() <= 14, "span ends in passage 0: " + s);
  }

  @Test
  void duplicateCharacterSpansFromOverlappingWindowsAppearOnce() {
    WindowLogits a = window(logits(10, 4, 9f), logits(10, 4, 9f), 3, 0);
    WindowLogits b = window(logits(10, 3, 8f), logits(10, 3, 8f), 3, 5);
    Decoded d = new SpanDecoder(DecodeOptions.defaults()).decode(List.of(a, b));
    long copies = d.answers().stream().filter(s -> s.start() == 5 && s.end() == 9).count();
    assertEquals(1, copies);
    assertEquals(18.0, best(d).score());
  }

  @Test
  void returnsAtMostTopAnswersBestFirstWhenTheFloorKeepsAll() {
    float[] start = new float[12];
    float[] end = new float[12];
    for (int i = 3; i < 11; i++) {
      start[i] = i;
      end[i] = i;
    }
    DecodeOptions options = DecodeOptions.defaults().withTop(3).withFloor(0);
    Decoded d = new SpanDecoder(options).decode(List.of(window(start, end, 3, 0)));
    assertEquals(3, d.answers().size());
    assertTrue(d.probabilities()[0] >= d.probabilities()[1] && d.probabilities()[1] >= d.probabilities()[2]);
    assertTrue(d.answers().get(0).score() >= d.answers().get(1).score());
    assertTrue(Arrays.stream(d.probabilities()).sum() < 1, "the softmax also covers candidates not returned");
  }

  @Test
  void aCandidateInsideOrAcrossABetterOneIsDropped() {
    // Tokens at 0,5,10,...: the best span is tokens 4..6 ("agreed to swear"); token 6 alone ("swear"), 3..4 and
    // 6..7 (straddling its ends) are nested or overlapping copies; token 9 is a different answer.
    float[] start = logits(14, 4, 9f);
    float[] end = logits(14, 6, 9f);
    start[6] = 8f;
    start[3] = 7f;
    end[4] = 7f;
    end[7] = 7f;
    start[9] = 6.5f;
    end[9] = 6.5f;
    Decoded d = new SpanDecoder(DecodeOptions.defaults().withFloor(0)).decode(List.of(window(start, end, 3, 0)));
    assertEquals(new Span(5, 19, 18.0), d.answers().get(0));
    for (Span s : d.answers().subList(1, d.answers().size())) {
      assertTrue(s.end() <= 5 || s.start() >= 19, "overlaps the best answer: " + s);
    }
    assertTrue(d.answers().contains(new Span(30, 34, 13.0)), "a separate answer stays: " + d.answers());
  }

  @Test
  void overlapsAcrossWindowsAreDroppedToo() {
    // Window b starts 10 chars later: its best span [15, 24) overlaps window a's better [10, 19).
    WindowLogits a = window(logits(10, 5, 9f), logits(10, 6, 9f), 3, 0);
    WindowLogits b = window(logits(10, 4, 8f), logits(10, 5, 8f), 3, 10);
    Decoded d = new SpanDecoder(DecodeOptions.defaults().withFloor(0)).decode(List.of(a, b));
    assertEquals(new Span(10, 19, 18.0), d.answers().get(0));
    assertTrue(d.answers().stream().noneMatch(s -> s.start() == 15 && s.end() == 24), d.answers().toString());
  }

  @Test
  void answersBelowTheFloorAreLeftOutButTheBestAlwaysStays() {
    // Three separate single-token answers scoring 20, 19 and 16: probability ratios 1, e^-1 (0.37) and e^-4 (0.018).
    float[] start = logits(14, 4, 10f);
    float[] end = logits(14, 4, 10f);
    start[7] = 9.5f;
    end[7] = 9.5f;
    start[10] = 8f;
    end[10] = 8f;
    WindowLogits w = window(start, end, 3, 0);
    List<Span> byDefault = new SpanDecoder(DecodeOptions.defaults()).decode(List.of(w)).answers();
    assertEquals(List.of(new Span(5, 9, 20.0), new Span(20, 24, 19.0)), byDefault);
    List<Span> all = new SpanDecoder(DecodeOptions.defaults().withFloor(0)).decode(List.of(w)).answers();
    assertEquals(new Span(35, 39, 16.0), all.get(2));
    List<Span> strict = new SpanDecoder(DecodeOptions.defaults().withFloor(0.5)).decode(List.of(w)).answers();
    assertEquals(List.of(new Span(5, 9, 20.0)), strict);
    List<Span> onlyBest = new SpanDecoder(DecodeOptions.defaults().withFloor(1)).decode(List.of(w)).answers();
    assertEquals(List.of(new Span(5, 9, 20.0)), onlyBest);
  }

  @Test
  void probabilitiesDoNotChangeWithTheFloorOrTop() {
    float[] start = logits(14, 4, 10f);
    float[] end = logits(14, 4, 10f);
    start[7] = 9.5f;
    end[7] = 9.5f;
    WindowLogits w = window(start, end, 3, 0);
    Decoded all = new SpanDecoder(DecodeOptions.defaults().withFloor(0).withTop(20)).decode(List.of(w));
    Decoded one = new SpanDecoder(DecodeOptions.defaults().withFloor(1).withTop(1)).decode(List.of(w));
    assertEquals(all.probabilities()[0], one.probabilities()[0], 1e-12);
    assertEquals(Math.exp(-1), all.probabilities()[1] / all.probabilities()[0], 1e-9);
  }

  @Test
  void noAnswerProbabilityIsTheNullScoresShareWhenTheModelPredictsNoAnswer() {
    float[] start = logits(10, 4, 3f);
    float[] end = logits(10, 4, 3f);
    start[0] = 4f;
    end[0] = 4f;
    DecodeOptions options = DecodeOptions.defaults().withNoAnswer(true);
    Decoded none = new SpanDecoder(options).decode(List.of(window(start, end, 3, 0)));
    assertTrue(none.answers().isEmpty());
    // The null score 8 against the best span 6 and the rest: most of the mass, not all.
    assertTrue(none.noAnswerProbability() > 0.8 && none.noAnswerProbability() < 1, "" + none.noAnswerProbability());

    start[0] = -4f;
    end[0] = -4f;
    Decoded answered = new SpanDecoder(options).decode(List.of(window(start, end, 3, 0)));
    assertEquals(new Span(5, 9, 6.0), answered.answers().get(0));
    assertTrue(answered.noAnswerProbability() < 0.01, "" + answered.noAnswerProbability());
    assertTrue(answered.probabilities()[0] + answered.noAnswerProbability() <= 1 + 1e-12);
  }

  @Test
  void noNoAnswerProbabilityForModelsThatDoNotPredictIt() {
    Decoded d = new SpanDecoder(DecodeOptions.defaults()).decode(
        List.of(window(logits(10, 4, 8f), logits(10, 6, 7f), 3, 100)));
    assertTrue(Double.isNaN(d.noAnswerProbability()));
    assertTrue(!d.scoresNoAnswer());
  }

  @Test
  void nonFiniteLogitsCountOnlyWhereTheDecoderReads() {
    float[] start = logits(10, 4, 8f);
    float[] end = logits(10, 6, 7f);
    start[1] = Float.NaN; // a question position: never read
    end[9] = Float.NEGATIVE_INFINITY; // the last position ([SEP]): never read
    assertEquals(-1, window(start, end, 3, 100).firstNonFiniteRead(true));
    end[0] = Float.POSITIVE_INFINITY; // [CLS]: read as the no-answer score only by models that predict it
    assertEquals(-1, window(start, end, 3, 100).firstNonFiniteRead(false));
    assertEquals(0, window(start, end, 3, 100).firstNonFiniteRead(true));
    end[0] = 0;
    start[5] = Float.NaN; // a context position
    assertEquals(5, window(start, end, 3, 100).firstNonFiniteRead(false));
  }
}
