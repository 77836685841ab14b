package dev.askpage.passage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextRangesTest {
  private static List<String> sentences(String text) {
    return TextRanges.sentences(text, 0, text.length()).stream().map(r -> text.substring(r[0], r[1])).toList();
  }

  @Test
  void splitsAtSentenceEndsFollowedBySpace() {
    assertEquals(List.of("It rains.", "Does it?", "Yes!"), sentences("It rains. Does it? Yes!"));
  }

  @Test
  void decimalsAndInitialsDoNotSplit() {
    assertEquals(List.of("It cost 3.5 dollars in the U.S. today.", "J. Smith paid."),
        sentences("It cost 3.5 dollars in the U.S. today. J. Smith paid."));
  }

  @Test
  void closingQuoteStaysWithItsSentence() {
    assertEquals(List.of("He said \"go.\"", "Then left."), sentences("He said \"go.\" Then left."));
  }

  @Test
  void paragraphsAreTrimmed() {
    String text = "\n\n  a  \n\n\nb\n";
    List<String> ps = TextRanges.paragraphs(text).stream().map(r -> text.substring(r[0], r[1])).toList();
    assertEquals(List.of("a", "b"), ps);
  }
}
