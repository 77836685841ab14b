package dev.askpage.passage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PassageSplitterTest {
  /** Word starts, standing in for token starts. */
  static int[] wordStarts(String text) {
    List<Integer> starts = new ArrayList<>();
    for (int i = 0; i < text.length(); i++) {
      if (!Character.isWhitespace(text.charAt(i)) && (i == 0 || Character.isWhitespace(text.charAt(i - 1)))) {
        starts.add(i);
      }
    }
    return starts.stream().mapToInt(Integer::intValue).toArray();
  }

  private static List<String> texts(String text, List<Passage> passages) {
    return passages.stream().map(p -> text.substring(p.charStart(), p.charEnd())).toList();
  }

  @Test
  void blankLinesSeparatePassages() {
    String text = "First para here.\n\n  Second one.\n \t\nThird.";
    List<Passage> ps = new PassageSplitter(100).split(text, wordStarts(text));
    assertEquals(List.of("First para here.", "Second one.", "Third."), texts(text, ps));
    assertEquals(0, ps.get(0).tokenFrom());
    assertEquals(3, ps.get(0).tokenTo());
    assertEquals(3, ps.get(1).tokenFrom());
    assertEquals(5, ps.get(1).tokenTo());
  }

  @Test
  void aSingleNewlineDoesNotEndAPassage() {
    String text = "one line\nnext line";
    assertEquals(List.of(text), texts(text, new PassageSplitter(100).split(text, wordStarts(text))));
  }

  @Test
  void longParagraphIsCutAtSentenceEnds() {
    String text = "A b c d. E f g h. I j k l. M n.";
    List<Passage> ps = new PassageSplitter(8).split(text, wordStarts(text));
    assertEquals(List.of("A b c d. E f g h.", "I j k l. M n."), texts(text, ps));
    for (Passage p : ps) {
      assertEquals(true, p.tokens() <= 8);
    }
  }

  @Test
  void sentenceLongerThanTheLimitStaysWhole() {
    String text = "one two three four five six. Seven.";
    List<Passage> ps = new PassageSplitter(3).split(text, wordStarts(text));
    assertEquals(List.of("one two three four five six.", "Seven."), texts(text, ps));
  }

  @Test
  void indicesFollowPageOrder() {
    String text = "a\n\nb\n\nc";
    List<Passage> ps = new PassageSplitter(5).split(text, wordStarts(text));
    for (int i = 0; i < ps.size(); i++) {
      assertEquals(i, ps.get(i).index());
    }
  }
}
