package dev.askpage.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.askpage.models.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictionsFileTest {
  @TempDir Path dir;

  @Test
  void readsTheLeaderboardFile() throws EvalException {
    Map<String, String> predictions =
        PredictionsFile.read(SharedData.resolve("squad/predictions-bert-single-v2.0.json"));
    assertEquals(11873, predictions.size());
    assertEquals("France", predictions.get("56ddde6b9a695914005b9628"));
    assertEquals("", predictions.get("56ddde6b9a695914005b962a"));
  }

  @Test
  void writeThenReadKeepsAnswersAndOrder() throws EvalException {
    Map<String, String> predictions = new LinkedHashMap<>();
    predictions.put("b", "l'été <b> \"quoted\"");
    predictions.put("a", "");
    Path file = dir.resolve("p.json");
    PredictionsFile.write(file, predictions);
    Map<String, String> back = PredictionsFile.read(file);
    assertEquals(predictions, back);
    assertEquals(List.of("b", "a"), List.copyOf(back.keySet()));
  }

  @Test
  void aNonStringAnswerIsATypedError() throws IOException {
    Path file = Files.writeString(dir.resolve("p.json"), "{\"q\": 3}");
    assertThrows(EvalException.class, () -> PredictionsFile.read(file));
    Path array = Files.writeString(dir.resolve("a.json"), "[\"q\"]");
    assertThrows(EvalException.class, () -> PredictionsFile.read(array));
  }
}
