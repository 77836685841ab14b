package dev.askpage.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.askpage.models.SharedData;
import dev.askpage.models.SyntheticModels;
import dev.askpage.tokenizer.Vocabulary;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code eval --model} runs the real engine: with an oracle model whose answer is known, EM is 100. */
class EvalModelIT {
  private static final String SQUAD = """
      {"version": "1.1", "data": [{"title": "Normans", "paragraphs": [
        {"context": "The Normans were descended from Norse raiders and pirates from Denmark.",
         "qas": [{"id": "q1", "question": "Who were the Normans descended from?",
                  "answers": [{"text": "raiders and pirates", "answer_start": 38}]}]},
        {"context": "Rollo agreed to swear fealty to King Charles III of West Francia.",
         "qas": [{"id": "q2", "question": "To whom did Rollo swear fealty?",
                  "answers": [{"text": "King Charles III", "answer_start": 32}]}]}]}]}
      """;

  @TempDir Path temp;

  @Test
  void oracleModelScoresPerParagraphAndInPageMode() throws Exception {
    Path squad = temp.resolve("dev.json");
    Files.writeString(squad, SQUAD);
    Vocabulary v = Vocabulary.load(SharedData.vocabulary());
    Path model = temp.resolve("oracle");
    SyntheticModels.writeOracle(model, v.id("raiders"), v.id("pirates"), SharedData.vocabulary());

    String paragraphs = run("--squad", squad.toString(), "--model", model.toString(), "--json");
    String page = run("--squad", squad.toString(), "--model", model.toString(), "--page-mode", "--json");

    // q1's answer is the oracle's span; q2 has neither word, and the oracle then predicts "no answer".
    assertEquals(50.0, exactMatch(paragraphs), paragraphs);
    assertEquals(50.0, exactMatch(page), page);
  }

  @Test
  void compareRunsBothModelsAndListsWhereTheyDisagree() throws Exception {
    Path squad = temp.resolve("dev.json");
    Files.writeString(squad, SQUAD);
    Vocabulary v = Vocabulary.load(SharedData.vocabulary());
    Path right = temp.resolve("right");
    SyntheticModels.writeOracle(right, v.id("raiders"), v.id("pirates"), SharedData.vocabulary());
    // Knows q2 (a different export shape too) and not q1.
    Path other = temp.resolve("other");
    SyntheticModels.writeOracle(other, v.id("king"), v.id("iii"), SharedData.vocabulary(),
        dev.askpage.models.OracleShape.TENSORFLOW);

    String table = run("--squad", squad.toString(), "--model", right.toString(), "--compare", other.toString());
    assertTrue(table.contains("answers differ on 2 of 2 questions: only --model exact 1, only --compare exact 1"),
        table);
    assertTrue(table.contains("--compare: \"King Charles III\"  (exact)"), table);
    var json = com.google.gson.JsonParser.parseString(run("--squad", squad.toString(), "--model", right.toString(),
        "--compare", other.toString(), "--json")).getAsJsonObject();
    assertEquals(50.0, json.getAsJsonObject("model").get("exact_match").getAsDouble());
    assertEquals(50.0, json.getAsJsonObject("compare").get("exact_match").getAsDouble());
    assertEquals(2, json.get("disagree").getAsInt());
  }

  private static double exactMatch(String json) {
    return com.google.gson.JsonParser.parseString(json).getAsJsonObject().get("exact_match").getAsDouble();
  }

  private static String run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new EvalCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    assertEquals(0, cli.execute(args), err.toString());
    return out.toString();
  }
}
