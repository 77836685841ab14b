package dev.askpage.retrieve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Bm25IndexTest {
  private static List<int[]> lines(String text) {
    List<int[]> ranges = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i) == '\n') {
        ranges.add(new int[] {start, i});
        start = i + 1;
      }
    }
    return ranges;
  }

  private static final String PAGE = String.join("\n",
      "Bert and Ernie are friends on the street.",
      "Bert lives at 123 Sesame Street with Ernie.",
      "The steam engine was improved by James Watt.",
      "Warsaw is the capital of Poland.");

  @Test
  void theUnitWithTheQuestionTermsRanksFirst() {
    Bm25Index index = Bm25Index.build(PAGE, lines(PAGE));
    assertEquals(2, index.rank("Who improved the steam engine?")[0]);
    assertEquals(3, index.rank("What is the capital of Poland?")[0]);
  }

  @Test
  void rarerTermsWeighMore() {
    Bm25Index index = Bm25Index.build(PAGE, lines(PAGE));
    assertEquals(1, index.rank("where does Bert live?")[0]);
  }

  @Test
  void noMatchScoresZeroAndTiesKeepPageOrder() {
    Bm25Index index = Bm25Index.build(PAGE, lines(PAGE));
    double[] scores = index.score("zebra?");
    for (double s : scores) {
      assertEquals(0.0, s);
    }
    int[] rank = index.rank("zebra");
    assertEquals(0, rank[0]);
    assertEquals(3, rank[3]);
  }

  @Test
  void bigramsBreakTiesBetweenUnitsWithTheSameWords() {
    String text = "engine of steam and power\nsteam engine and power";
    Bm25Index index = Bm25Index.build(text, lines(text));
    double[] s = index.score("steam engine");
    assertTrue(s[1] > s[0]);
  }

  @Test
  void aBigramRepeatedInTheQuestionWeighsOnce() {
    String text = "steam engine and power\nengine of steam";
    Bm25Index index = Bm25Index.build(text, lines(text));
    double once = index.score("steam engine")[0];
    assertTrue(once > index.score("engine steam")[0], "the pair counts");
    assertEquals(once, index.score("steam engine steam engine steam engine")[0], 1e-12,
        "words are counted once, and so are pairs");
  }

  @Test
  void pluralsMeetTheirSingular() {
    assertEquals(List.of("engin", "city", "descend", "descend", "produc", "produc"),
        Terms.of("Engines of the cities descended descending produce produced"));
  }
}
