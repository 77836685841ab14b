package dev.askpage.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.askpage.eval.SquadDataset.Question;
import dev.askpage.models.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SquadDatasetTest {
  @TempDir Path dir;

  @Test
  void readsV11() throws EvalException {
    SquadDataset data = SquadDataset.read(SharedData.resolve("squad/dev-v1.1.json"));
    assertFalse(data.isVersion2());
    assertEquals("1.1", data.version());
    assertEquals(48, data.articles().size());
    assertEquals(10570, data.questionCount());
    Question first = data.questions().get(0);
    assertEquals("56be4db0acb8001400a502ec", first.id());
    assertEquals("Which NFL team represented the AFC at Super Bowl 50?", first.question());
    assertEquals("Denver Broncos", first.answers().get(0).text());
    assertEquals(177, first.answers().get(0).start());
  }

  @Test
  void readsV20WithUnanswerableQuestions() throws EvalException {
    SquadDataset data = SquadDataset.read(SharedData.resolve("squad/dev-v2.0.json"));
    assertTrue(data.isVersion2());
    assertEquals(35, data.articles().size());
    assertEquals(11873, data.questionCount());
    List<Question> impossible = data.questions().stream().filter(Question::isImpossible).toList();
    assertEquals(5945, impossible.size());
    assertTrue(impossible.stream().allMatch(q -> q.answers().isEmpty()));
  }

  @Test
  void answersStartInsideTheirParagraph() throws EvalException {
    SquadDataset data = SquadDataset.read(SharedData.resolve("squad/dev-v1.1.json"));
    SquadDataset.Paragraph paragraph = data.articles().get(0).paragraphs().get(0);
    SquadDataset.Answer answer = paragraph.questions().get(0).answers().get(0);
    assertEquals(answer.text(),
        paragraph.context().substring(answer.start(), answer.start() + answer.text().length()));
  }

  @Test
  void articleTextJoinsParagraphsWithABlankLine() {
    SquadDataset.Article article = new SquadDataset.Article("T", List.of(
        new SquadDataset.Paragraph("One.", List.of()), new SquadDataset.Paragraph("Two.", List.of())));
    assertEquals("One.\n\nTwo.", article.text());
  }

  @Test
  void missingFileIsATypedError() {
    EvalException e = assertThrows(EvalException.class, () -> SquadDataset.read(dir.resolve("nope.json")));
    assertTrue(e.getMessage().contains("nope.json"));
  }

  @Test
  void wrongLayoutIsATypedError() throws IOException {
    Path file = Files.writeString(dir.resolve("bad.json"), "{\"data\": [{\"title\": \"x\"}]}");
    assertThrows(EvalException.class, () -> SquadDataset.read(file));
    Path notJson = Files.writeString(dir.resolve("bad2.json"), "{\"data\": [");
    assertThrows(EvalException.class, () -> SquadDataset.read(notJson));
  }
}
