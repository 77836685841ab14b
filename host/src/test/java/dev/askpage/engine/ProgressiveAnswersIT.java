package dev.askpage.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.askpage.eval.SquadDataset;
import dev.askpage.infer.ThreadPolicy;
import dev.askpage.models.SharedData;
import dev.askpage.models.SyntheticModels;
import dev.askpage.models.SyntheticSize;
import dev.askpage.tokenizer.Vocabulary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Progressive answers: the final answers of an ask that first hands out its best window's answers are the answers of
 * the same ask without that, over SQuAD questions on their whole articles, with the oracle and the full-size synthetic
 * model.
 */
class ProgressiveAnswersIT {
  /** Questions per article and articles: enough to cover short and long passages, packed and strided windows. */
  private static final int QUESTIONS_PER_ARTICLE = 2;
  private static final int ARTICLES = 4;

  @TempDir static Path temp;
  private static List<String[]> questions; // {page, question}

  @BeforeAll
  static void readQuestions() throws Exception {
    SquadDataset squad = SquadDataset.read(SharedData.resolve("squad/dev-v1.1.json"));
    questions = new ArrayList<>();
    for (int a = 0; a < ARTICLES; a++) {
      SquadDataset.Article article = squad.articles().get(a * 7);
      // The oracle model answers "Sesame Street": put it in the middle of every page.
      String text = article.text();
      int middle = text.indexOf("\n", text.length() / 2);
      String page = text.substring(0, middle) + "\nBig Bird lives at 123 Sesame Street in New York."
          + text.substring(middle);
      for (int q = 0; q < QUESTIONS_PER_ARTICLE; q++) {
        SquadDataset.Paragraph paragraph = article.paragraphs().get(q * 3 % article.paragraphs().size());
        questions.add(new String[] {page, paragraph.questions().get(0).question()});
      }
      questions.add(new String[] {page, "Where does Big Bird live?"});
    }
  }

  @Test
  void fullSizeModelGivesTheSameFinalAnswers() throws Exception {
    Path dir = SyntheticModels.writeMobileBert(temp.resolve("full"), SyntheticSize.FULL, 7, SharedData.vocabulary())
        .dir();
    assertSameFinalAnswers(dir, List.of(4, 8));
  }

  @Test
  void oracleModelGivesTheSameFinalAnswers() throws Exception {
    Vocabulary v = Vocabulary.load(SharedData.vocabulary());
    Path dir = SyntheticModels.writeOracle(temp.resolve("oracle"), v.id("sesame"), v.id("street"),
        SharedData.vocabulary()).dir();
    assertSameFinalAnswers(dir, List.of(4, 8));
  }

  @Test
  void oneWindowGivesNoPartial() throws Exception {
    Vocabulary v = Vocabulary.load(SharedData.vocabulary());
    Path dir = SyntheticModels.writeOracle(temp.resolve("oracle-1"), v.id("sesame"), v.id("street"),
        SharedData.vocabulary()).dir();
    try (QaEngine engine = EngineFactory.fromDirectory(dir, ThreadPolicy.defaults(), EngineSettings.defaults())) {
      PreparedPage page = engine.prepare(questions.get(0)[0]);
      List<Result> partials = new ArrayList<>();
      Result result = engine.ask(page, questions.get(0)[1], new AskOptions(5, 1), true, Cancellation.NEVER,
          Optional.of(partials::add));
      assertEquals(1, result.timings().windows());
      assertTrue(partials.isEmpty(), "one window: the final answers are the first ones");
    }
  }

  @Test
  void cancelledAfterTheFirstWindowReadsNoMore() throws Exception {
    Vocabulary v = Vocabulary.load(SharedData.vocabulary());
    Path dir = SyntheticModels.writeOracle(temp.resolve("oracle-c"), v.id("sesame"), v.id("street"),
        SharedData.vocabulary()).dir();
    try (QaEngine engine = EngineFactory.fromDirectory(dir, ThreadPolicy.defaults(), EngineSettings.defaults())) {
      PreparedPage page = engine.prepare(questions.get(0)[0]);
      boolean[] cancelled = new boolean[1];
      List<Result> partials = new ArrayList<>();
      PartialAnswers cancelOnPartial = first -> {
        partials.add(first);
        cancelled[0] = true;
      };
      boolean threw = false;
      try {
        engine.ask(page, questions.get(0)[1], new AskOptions(5, 8), true, () -> cancelled[0],
            Optional.of(cancelOnPartial));
      } catch (CancelledException e) {
        threw = true;
      }
      assertEquals(1, partials.size());
      assertTrue(threw, "a cancel after the partial answers stops the rest of the budget");
    }
  }

  private static void assertSameFinalAnswers(Path modelDir, List<Integer> budgets) throws Exception {
    EngineSettings settings = EngineSettings.defaults();
    int compared = 0;
    int partialsWithAnswers = 0;
    int withAnswers = 0;
    try (QaEngine engine = EngineFactory.fromDirectory(modelDir, ThreadPolicy.defaults(), settings)) {
      for (String[] q : questions) {
        PreparedPage page = engine.prepare(q[0]);
        for (int budget : budgets) {
          AskOptions options = new AskOptions(5, budget);
          Result plain = engine.ask(page, q[1], options, true, Cancellation.NEVER);
          List<Result> partials = new ArrayList<>();
          Result progressive = engine.ask(page, q[1], options, true, Cancellation.NEVER,
              Optional.of(partials::add));
          String where = "budget " + budget + ", question: " + q[1];
          assertEquals(plain.timings().windows(), progressive.timings().windows(), where);
          if (plain.timings().windows() > 1) {
            assertEquals(1, partials.size(), where);
            assertEquals(1, partials.get(0).timings().windows(), where);
            partialsWithAnswers += partials.get(0).answers().isEmpty() ? 0 : 1;
          }
          assertSameAnswers(plain.answers(), progressive.answers(), where);
          withAnswers += plain.answers().isEmpty() ? 0 : 1;
          compared++;
        }
      }
    }
    assertEquals(questions.size() * budgets.size(), compared);
    assertTrue(partialsWithAnswers > 0, "some partial replies carry answers");
    // The oracle predicts "no answer" where "Sesame Street" is not read: those compare empty with empty.
    assertTrue(withAnswers >= questions.size() / 3, withAnswers + " of " + compared + " asks have answers");
  }

  private static void assertSameAnswers(List<Answer> expected, List<Answer> actual, String where) {
    assertEquals(spans(expected), spans(actual), "same spans in the same order: " + where);
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i).probability(), actual.get(i).probability(), 1e-4, where);
      assertEquals(expected.get(i).score(), actual.get(i).score(), 1e-3, where);
    }
  }

  private static List<String> spans(List<Answer> answers) {
    return answers.stream().map(a -> a.start() + "-" + a.end()).toList();
  }
}
