package dev.askpage.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.askpage.infer.ThreadPolicy;
import dev.askpage.models.SharedData;
import dev.askpage.models.SyntheticModels;
import dev.askpage.tokenizer.Vocabulary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's warm-up reads a whole question's worth of windows, and stops when a real question comes. */
class WarmUpIT {
  @TempDir static Path temp;
  private static Path oracle;

  @BeforeAll
  static void writeModel() throws Exception {
    Vocabulary v = Vocabulary.load(SharedData.vocabulary());
    oracle = SyntheticModels.writeOracle(temp.resolve("oracle"), v.id("sesame"), v.id("street"),
        SharedData.vocabulary()).dir();
  }

  @Test
  void readsTheWholeBudgetAndHandsOutThePartialAndTheFinalResult() throws Exception {
    try (QaEngine engine = EngineFactory.fromDirectory(oracle, ThreadPolicy.defaults(), EngineSettings.defaults())) {
      List<Result> results = new ArrayList<>();
      engine.warmUp(Cancellation.NEVER, results::add);
      assertEquals(2, results.size(), "the partial result, then the final one");
      assertEquals(1, results.get(0).timings().windows());
      assertEquals(EngineSettings.DEFAULT_WINDOWS, results.get(1).timings().windows(),
          "the made-up page is long enough for the default budget, so every batch shape of a question is run");
      assertEquals(Mode.MODEL, results.get(1).mode());
    }
  }

  @Test
  void stopsAtTheNextBatchOnceAQuestionComes() throws Exception {
    try (QaEngine engine = EngineFactory.fromDirectory(oracle, ThreadPolicy.defaults(), EngineSettings.defaults())) {
      List<Result> results = new ArrayList<>();
      engine.warmUp(() -> !results.isEmpty(), results::add);
      assertEquals(1, results.size(), "stopped after the lead window; no exception reaches the caller");
    }
  }

  @Test
  void doesNothingWithoutAModel() throws Exception {
    List<Result> results = new ArrayList<>();
    QaEngine.lexical(EngineSettings.defaults()).warmUp(Cancellation.NEVER, results::add);
    assertTrue(results.isEmpty());
  }

  @Test
  void theMadeUpPageIsTheVocabularysWordsAndItsQuestionIsOnIt() throws Exception {
    WarmUpPage page = WarmUpPage.of(Vocabulary.load(SharedData.vocabulary()));
    assertEquals(page, WarmUpPage.of(Vocabulary.load(SharedData.vocabulary())), "the same every time");
    assertTrue(page.text().matches("[A-Za-z .\n]+"), "letters, spaces, full stops and line ends only");
    String words = page.question().substring("What ".length(), page.question().length() - 1);
    assertTrue(page.text().toLowerCase().contains(words), words);
  }
}
