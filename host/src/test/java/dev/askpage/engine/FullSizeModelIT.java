package dev.askpage.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.askpage.eval.SquadDataset;
import dev.askpage.infer.BatchLogits;
import dev.askpage.infer.QaModel;
import dev.askpage.infer.ThreadPolicy;
import dev.askpage.models.ModelDirectory;
import dev.askpage.models.SharedData;
import dev.askpage.models.SyntheticModels;
import dev.askpage.models.SyntheticSize;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The full-size synthetic MobileBERT: real shapes and cost, random weights. */
class FullSizeModelIT {
  @TempDir static Path temp;
  static ModelDirectory model;

  @BeforeAll
  static void writeModel() throws Exception {
    model = SyntheticModels.writeMobileBert(temp.resolve("full"), SyntheticSize.FULL, 7, SharedData.vocabulary());
  }

  @Test
  void hasAboutTwentyFiveMillionParameters() {
    long parameters = model.manifest().parameters();
    System.out.println("full synthetic MobileBERT parameters: " + parameters);
    assertTrue(parameters > 24_000_000 && parameters < 26_000_000, "parameters: " + parameters);
  }

  @Test
  void outputsOneStartAndEndLogitPerPosition() throws Exception {
    try (QaModel session = QaModel.load(model.modelFile(), ThreadPolicy.defaults())) {
      int[][] ids = new int[2][];
      ids[0] = new int[384];
      ids[1] = new int[200];
      Arrays.fill(ids[0], 2000);
      Arrays.fill(ids[1], 3000);
      ids[0][0] = 101;
      ids[1][0] = 101;
      BatchLogits logits = session.run(ids, new int[] {10, 10});
      assertEquals(384, logits.start()[0].length);
      assertEquals(200, logits.end()[1].length);
      for (float f : logits.start()[0]) {
        assertTrue(Float.isFinite(f));
      }
    }
  }

  @Test
  void answersAQuestionOnAWholeSquadArticleUnderTheDefaultBudget() throws Exception {
    SquadDataset squad = SquadDataset.read(SharedData.resolve("squad/dev-v1.1.json"));
    SquadDataset.Article article = squad.articles().get(0);
    String page = article.text();
    String question = article.paragraphs().get(3).questions().get(0).question();
    EngineSettings settings = EngineSettings.defaults();
    try (QaEngine engine = EngineFactory.fromDirectory(model.dir(), ThreadPolicy.defaults(), settings)) {
      PreparedPage prepared = engine.prepare(page);
      Result result = engine.ask(prepared, question, new AskOptions(5, settings.defaultWindows()), false,
          Cancellation.NEVER);
      System.out.printf("whole article: %d chars, %d passages, %d windows, inference %.0f ms%n", page.length(),
          result.timings().passages(), result.timings().windows(), result.timings().inferenceMs());
      assertTrue(result.timings().windows() <= settings.defaultWindows());
      assertTrue(result.timings().windows() > 0);
      assertFalse(result.answers().isEmpty(), "random weights still give spans: the model does not predict no-answer"
          + " beyond its threshold on every window");
      for (Answer a : result.answers()) {
        assertEquals(page.substring(a.start(), a.end()), a.text());
      }
    }
  }
}
