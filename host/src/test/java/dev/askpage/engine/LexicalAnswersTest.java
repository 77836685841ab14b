package dev.askpage.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Lexical mode on pages as the extension captures them: a table row is answered whole, prose by sentence. */
class LexicalAnswersTest {
  // capture.js: block elements (the table, each row) are separated by "\n\n", table cells by "\n".
  private static final String PAGE = "Eiffel Tower\n\nHeight\n330 m\n\nBase\n125 m square\n\nOpened\n31 March 1889"
      + "\n\nThe tower stands in Paris. It was built for the World's Fair of 1889.";

  private static Result ask(String page, String question) throws Exception {
    QaEngine engine = QaEngine.lexical(EngineSettings.defaults());
    return engine.ask(engine.prepare(page), question, new AskOptions(5, 4, 0), false, Cancellation.NEVER);
  }

  @Test
  void aTableIsAnsweredWithTheRowNotACell() throws Exception {
    Answer best = ask(PAGE, "What is the height?").answers().get(0);
    assertEquals("Height\n330 m", best.text());
    assertEquals(PAGE.indexOf("Height"), best.start());
    assertEquals(PAGE.indexOf("330 m") + "330 m".length(), best.end());
    assertEquals(best.text(), PAGE.substring(best.start(), best.end()));

    assertEquals("Opened\n31 March 1889", ask(PAGE, "When was it opened?").answers().get(0).text());
  }

  @Test
  void proseNextToTheTableIsStillAnsweredBySentence() throws Exception {
    assertEquals("The tower stands in Paris.", ask(PAGE, "Where does the tower stand?").answers().get(0).text());
  }

  @Test
  void unitsAreRowsForShortLinesAndSentencesForProse() {
    assertEquals(List.of("Base\n125 m square"), texts(PAGE, PAGE.indexOf("Base"), PAGE.indexOf("\n\nOpened")));
    String prose = "This first line of the paragraph has quite a lot more than twelve words in it, surely.\n"
        + "A second line. And a third sentence.";
    assertEquals(List.of("This first line of the paragraph has quite a lot more than twelve words in it, surely.",
        "A second line.", "And a third sentence."), texts(prose, 0, prose.length()));
    String single = "One line only. Two sentences.";
    assertEquals(List.of("One line only.", "Two sentences."), texts(single, 0, single.length()));
  }

  private static List<String> texts(String text, int from, int to) {
    return LexicalUnits.of(text, from, to).stream().map(r -> text.substring(r[0], r[1])).toList();
  }
}
