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
  void returnsTopKWithProbabilitiesSummingToOne() {
    float[] start = new float[12];
    float[] end = new float[12];
    for (int i = 3; i < 11; i++) {
      start[i] = i;
      end[i] = i;
    }
    Decoded d = new SpanDecoder(DecodeOptions.defaults().withTop(3)).decode(List.of(window(start, end, 3, 0)));
    assertEquals(3, d.answers().size());
    double sum = Arrays.stream(d.probabilities()).sum();
    assertEquals(1.0, sum, 1e-9);
    assertTrue(d.probabilities()[0] >= d.probabilities()[1]);
    assertTrue(d.answers().get(0).score() >= d.answers().get(1).score());
  }
}
