package dev.askpage.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvalReportTest {
  private static final SquadScores V2 = new SquadScores(true, 4, 75.0, 80.123456, 
      new SquadScores.Subset(2, 50.0, 60.246912), new SquadScores.Subset(2, 100.0, 100.0), List.of());

  @Test
  void tableShowsThreeDecimalsAndSubsets() {
    String table = new EvalReport("dev-v2.0.json", "predictions p.json", false, -1, V2).toTable();
    String[] lines = table.split(System.lineSeparator());
    assertEquals("SQuAD v2.0  dev-v2.0.json  predictions p.json", lines[0]);
    assertEquals("               EM       F1   total", lines[1]);
    assertEquals("all        75.000   80.123       4", lines[2]);
    assertEquals("HasAns     50.000   60.247       2", lines[3]);
    assertEquals("NoAns     100.000  100.000       2", lines[4]);
    assertEquals(5, lines.length);
  }

  @Test
  void tableNamesMissingPredictionsAndModelTime() {
    SquadScores v1 = new SquadScores(false, 10, 10.0, 20.0, null, null, List.of("q9"));
    String table = new EvalReport("dev-v1.1.json", "model m", true, 5.0, v1).toTable();
    assertTrue(table.startsWith("SQuAD v1.1  dev-v1.1.json  model m  (page mode)"));
    assertFalse(table.contains("HasAns"));
    assertTrue(table.contains("missing predictions: 1 (scored 0)"));
    assertTrue(table.contains("time: 5.0 s, 2.00 questions/s"));
  }

  @Test
  void jsonUsesTheOfficialKeys() {
    JsonObject json = JsonParser.parseString(
        new EvalReport("dev-v2.0.json", "predictions p.json", false, -1, V2).toJson()).getAsJsonObject();
    assertEquals(75.0, json.get("exact").getAsDouble());
    assertEquals(80.123456, json.get("f1").getAsDouble());
    assertEquals(4, json.get("total").getAsInt());
    assertEquals(60.246912, json.get("HasAns_f1").getAsDouble());
    assertEquals(2, json.get("NoAns_total").getAsInt());
    assertEquals("2.0", json.get("squad_version").getAsString());
    assertFalse(json.has("seconds"));

    SquadScores v1 = new SquadScores(false, 10, 10.0, 20.0, null, null, List.of());
    JsonObject json1 = JsonParser.parseString(
        new EvalReport("dev-v1.1.json", "model m", false, 2.5, v1).toJson()).getAsJsonObject();
    assertEquals(10.0, json1.get("exact_match").getAsDouble());
    assertEquals(20.0, json1.get("f1").getAsDouble());
    assertEquals(2.5, json1.get("seconds").getAsDouble());
    assertFalse(json1.has("HasAns_exact"));
  }
}
