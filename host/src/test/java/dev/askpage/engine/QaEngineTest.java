package dev.askpage.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.askpage.models.SharedData;
import dev.askpage.tokenizer.Vocabulary;
import dev.askpage.tokenizer.WordPieceTokenizer;
import dev.askpage.window.WindowPlan;
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
  void lexicalModeReadsTheQuestionUpToItsQuestionLimitInWords() throws Exception {
    QaEngine engine = QaEngine.lexical(EngineSettings.defaults());
    PreparedPage page = engine.prepare(PAGE);
    int limit = EngineSettings.defaults().maxQuestionTokens();
    String within = "zebra ".repeat(limit - 1) + "Poland?";
    assertEquals("Warsaw is the capital of Poland.",
        engine.ask(page, within, new AskOptions(1, 4), true, Cancellation.NEVER).answers().get(0).text());
    String past = "zebra ".repeat(limit) + "Poland?";
    assertEquals(List.of(), engine.ask(page, past, new AskOptions(5, 4), true, Cancellation.NEVER).answers(),
        "a word past the question limit is not read");
  }

  @Test
  void aQuestionAsLongAsAPageIsAnsweredAsItsFirstWords() throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      text.append("The capital city of land ").append(i).append(" lies by the sea. It is town ").append(i)
          .append(".\n\n");
    }
    text.append("Warsaw is the capital city of Poland.\n");
    QaEngine engine = QaEngine.lexical(EngineSettings.defaults());
    PreparedPage page = engine.prepare(text.toString());
    // Up to maxTextChars (5,000,000) of a pair that some 20,000 sentences hold.
    String huge = "Poland capital city ".repeat(250_000);
    Result r = engine.ask(page, huge, new AskOptions(3, 4), true, Cancellation.NEVER);
    assertEquals("Warsaw is the capital city of Poland.", r.answers().get(0).text());
    String first = "Poland capital city ".repeat(EngineSettings.defaults().maxQuestionTokens() / 3);
    assertEquals(engine.ask(page, first, new AskOptions(3, 4), true, Cancellation.NEVER).answers(), r.answers(),
        "the same answers, scores and probabilities as the question's first words");
  }

  @Test
  void retrievalReadsTheQuestionTheModelReads() throws Exception {
    WordPieceTokenizer tokenizer = new WordPieceTokenizer(Vocabulary.load(SharedData.vocabulary()));
    QaEngine engine = QaEngine.tokenizedWithoutModel(tokenizer, EngineSettings.defaults());
    PreparedPage page = engine.prepare(PAGE);
    int limit = EngineSettings.defaults().maxQuestionTokens();
    int warsaw = 2;

    WindowPlan within = engine.planWindows(page, "zebra ".repeat(limit - 1) + "Poland?", 1);
    assertEquals(warsaw, within.passagesRead().get(0), "the passage holding the question's word ranks first");
    assertEquals(limit + 2, within.windows().get(0).contextStart(), "[CLS], 64 question tokens, [SEP]");

    // White space and a word longer than the first prefix tokenised, then the words: still the first 64 tokens.
    String past = "\n\t ".repeat(1000) + "x".repeat(5000) + " zebra".repeat(limit) + " Poland".repeat(100_000);
    WindowPlan cut = engine.planWindows(page, past, 1);
    assertEquals(0, cut.passagesRead().get(0), "nothing read matches: page order");
    assertEquals(limit + 2, cut.windows().get(0).contextStart());
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
