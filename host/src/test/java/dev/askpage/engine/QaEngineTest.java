package dev.askpage.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class QaEngineTest {
  private static final String PAGE = "Bert and Ernie share a flat.\n\nBert lives at 123 Sesame Street. He likes "
      + "paper clips.\n\nWarsaw is the capital of Poland. It lies on the Vistula.";

  @Test
  void lexicalModeAnswersWithTheBestMatchingSentence() throws Exception {
    QaEngine engine = QaEngine.lexical(EngineSettings.defaults());
    Result r = engine.ask(engine.prepare(PAGE), "What is the capital of Poland?", new AskOptions(3, 4), false,
        Cancellation.NEVER);
    assertEquals(Mode.LEXICAL, r.mode());
    Answer best = r.answers().get(0);
    assertEquals("Warsaw is the capital of Poland.", best.text());
    assertEquals(PAGE.indexOf("Warsaw"), best.start());
    assertEquals(best.text(), PAGE.substring(best.start(), best.end()));
  }

  @Test
  void lexicalProbabilitiesSumToAtMostOneAndNothingMatchingGivesNoAnswers() throws Exception {
    QaEngine engine = QaEngine.lexical(EngineSettings.defaults());
    PreparedPage page = engine.prepare(PAGE);
    Result r = engine.ask(page, "Where does Bert live?", new AskOptions(5, 4, 0), false, Cancellation.NEVER);
    double sum = r.answers().stream().mapToDouble(Answer::probability).sum();
    assertEquals(1.0, sum, 1e-9); // floor 0 and top 5 return every matching sentence
    Result floored = engine.ask(page, "Where does Bert live?", new AskOptions(1, 4), true, Cancellation.NEVER);
    assertEquals(r.answers().get(0), floored.answers().get(0));
    assertEquals(List.of(), engine.ask(page, "zebra?", new AskOptions(5, 4), true, Cancellation.NEVER).answers());
  }

  @Test
  void lexicalPagesAreSplitWithoutAVocabulary() {
    PreparedPage page = QaEngine.lexical(EngineSettings.defaults()).prepare(PAGE);
    assertEquals(3, page.passages().size());
    assertFalse(page.tokenised());
  }

  @Test
  void cacheHitReportsNoTokenizingTime() throws Exception {
    QaEngine engine = QaEngine.lexical(EngineSettings.defaults());
    PreparedPage page = engine.prepare(PAGE);
    Result r = engine.ask(page, "Bert?", new AskOptions(1, 1), true, Cancellation.NEVER);
    assertTrue(r.timings().cacheHit());
    assertEquals(0.0, r.timings().tokenizeMs());
  }
}
