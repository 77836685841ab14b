package dev.askpage.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.askpage.eval.SquadDataset.Answer;
import dev.askpage.eval.SquadDataset.Article;
import dev.askpage.eval.SquadDataset.Paragraph;
import dev.askpage.eval.SquadDataset.Question;
import dev.askpage.models.SharedData;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SquadMetricsTest {

  @Test
  void normalizeLowercasesDropsPunctuationArticlesAndExtraSpace() {
    assertEquals("denver broncos", SquadMetrics.normalize("The Denver Broncos!"));
    assertEquals("cat on mat", SquadMetrics.normalize("  A cat,  on\tthe mat. "));
    assertEquals("rock n roll", SquadMetrics.normalize("Rock 'n' Roll"));
  }

  @Test
  void normalizeRemovesArticlesOnlyAsWholeWords() {
    assertEquals("theory and anthem", SquadMetrics.normalize("theory and an anthem"));
    assertEquals("", SquadMetrics.normalize("the a an"));
    // Punctuation goes first, so "the-end" becomes "theend" and keeps its letters.
    assertEquals("theend", SquadMetrics.normalize("the-end"));
    // Letters outside ASCII are word characters: "thé" is not "the".
    assertEquals("thé", SquadMetrics.normalize("thé"));
  }

  @Test
  void normalizeSplitsOnPythonWhitespaceIncludingNoBreakSpace() {
    assertEquals("10 km", SquadMetrics.normalize("10\u00a0km"));
    assertEquals("x\u200by", SquadMetrics.normalize("x\u200by"));
  }

  @Test
  void exactMatchComparesNormalisedAnswers() {
    assertTrue(SquadMetrics.exactMatch("the Broncos.", "Broncos"));
    assertFalse(SquadMetrics.exactMatch("Denver Broncos", "Broncos"));
  }

  @Test
  void f1OnPartialOverlap() {
    // prediction 3 tokens, gold 2 tokens, 2 shared: precision 2/3, recall 1, F1 0.8
    assertEquals(0.8, SquadMetrics.f1V1("Denver Broncos team", "the Denver Broncos"), 1e-12);
    assertEquals(0.8, SquadMetrics.f1V2("Denver Broncos team", "the Denver Broncos"), 1e-12);
  }

  @Test
  void f1CountsRepeatedTokensOnce() {
    // prediction "a b b" vs gold "b c": shared 1 (min count of b), precision 1/3, recall 1/2, F1 0.4
    assertEquals(0.4, SquadMetrics.f1V1("x y y", "y z"), 1e-12);
  }

  @Test
  void emptyVersusEmpty() {
    assertTrue(SquadMetrics.exactMatch("", ""));
    assertEquals(0.0, SquadMetrics.f1V1("", ""));
    assertEquals(1.0, SquadMetrics.f1V2("", ""));
    assertEquals(1.0, SquadMetrics.f1V2("the", ""), "an answer that normalises to nothing is no answer");
    assertEquals(0.0, SquadMetrics.f1V2("Paris", ""));
    assertEquals(0.0, SquadMetrics.f1V2("", "Paris"));
  }

  @Test
  void v1TakesTheBestGoldAnswerAndScoresMissingAsZero() {
    SquadDataset data = dataset("1.1",
        question("q1", false, "Denver Broncos", "Broncos"),
        question("q2", false, "Paris"));
    SquadScores scores = SquadMetrics.evaluate(data, Map.of("q1", "Broncos"));
    assertEquals(2, scores.total());
    assertEquals(50.0, scores.exact(), 1e-9);
    assertEquals(50.0, scores.f1(), 1e-9);
    assertEquals(List.of("q2"), scores.missing());
  }

  @Test
  void v2ScoresNoAnswerOnlyForAnEmptyPrediction() {
    SquadDataset data = dataset("v2.0",
        question("has", false, "Paris"),
        question("none1", true),
        question("none2", true));
    SquadScores scores = SquadMetrics.evaluate(data, Map.of("has", "Paris", "none1", "", "none2", "London"));
    assertEquals(3, scores.total());
    assertEquals(200.0 / 3, scores.exact(), 1e-9);
    assertEquals(1, scores.hasAns().total());
    assertEquals(100.0, scores.hasAns().f1(), 1e-9);
    assertEquals(2, scores.noAns().total());
    assertEquals(50.0, scores.noAns().exact(), 1e-9);
    assertEquals(50.0, scores.noAns().f1(), 1e-9);
  }

  @Test
  void v2CountsMissingPredictionsAsZero() {
    SquadDataset data = dataset("v2.0", question("has", false, "Paris"), question("none", true));
    SquadScores scores = SquadMetrics.evaluate(data, Map.of("has", "Paris"));
    assertEquals(2, scores.total());
    assertEquals(50.0, scores.exact(), 1e-9);
    assertEquals(0.0, scores.noAns().exact(), 1e-9);
    assertEquals(List.of("none"), scores.missing());
  }

  @Test
  void reproducesTheOfficialV11FigureForTheBertEnsemble() throws EvalException {
    SquadScores scores = SquadMetrics.evaluate(
        SquadDataset.read(SharedData.resolve("squad/dev-v1.1.json")),
        PredictionsFile.read(SharedData.resolve("squad/predictions-bert-ensemble-v1.1.json")));
    assertEquals(10570, scores.total());
    assertEquals(List.of(), scores.missing());
    assertEquals("86.206", threeDecimals(scores.exact()));
    assertEquals("92.196", threeDecimals(scores.f1()));
  }

  @Test
  void reproducesTheOfficialV20FiguresForSingleBert() throws EvalException {
    SquadScores scores = SquadMetrics.evaluate(
        SquadDataset.read(SharedData.resolve("squad/dev-v2.0.json")),
        PredictionsFile.read(SharedData.resolve("squad/predictions-bert-single-v2.0.json")));
    assertEquals(11873, scores.total());
    assertEquals("78.742", threeDecimals(scores.exact()));
    assertEquals("81.775", threeDecimals(scores.f1()));
    assertEquals(5928, scores.hasAns().total());
    assertEquals("74.106", threeDecimals(scores.hasAns().exact()));
    assertEquals("80.182", threeDecimals(scores.hasAns().f1()));
    assertEquals(5945, scores.noAns().total());
    assertEquals("83.364", threeDecimals(scores.noAns().exact()));
    assertEquals("83.364", threeDecimals(scores.noAns().f1()));
  }

  private static String threeDecimals(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }

  static Question question(String id, boolean impossible, String... answers) {
    List<Answer> golds = java.util.Arrays.stream(answers).map(a -> new Answer(a, 0)).toList();
    return new Question(id, "question " + id + "?", golds, impossible);
  }

  static SquadDataset dataset(String version, Question... questions) {
    return SquadDataset.of(version,
        List.of(new Article("Title", List.of(new Paragraph("Some context.", List.of(questions))))));
  }
}
