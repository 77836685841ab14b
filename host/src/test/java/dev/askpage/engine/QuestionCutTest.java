package dev.askpage.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.askpage.models.SharedData;
import dev.askpage.tokenizer.Encoding;
import dev.askpage.tokenizer.Vocabulary;
import dev.askpage.tokenizer.WordPieceTokenizer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class QuestionCutTest {
  private static final int LIMIT = 64;
  private static WordPieceTokenizer tokenizer;

  @BeforeAll
  static void vocabulary() throws Exception {
    tokenizer = new WordPieceTokenizer(Vocabulary.load(SharedData.vocabulary()));
  }

  /** The cut's ids are the whole question's first tokens, and its text ends where the last of them ends. */
  private static void assertCutsLikeTheWholeQuestion(String question) {
    Encoding whole = tokenizer.encode(question);
    int n = Math.min(LIMIT, whole.size());
    QuestionCut cut = QuestionCut.ofTokens(tokenizer, question, LIMIT);
    assertArrayEquals(Arrays.copyOf(whole.ids(), n), cut.ids(), () -> "question of " + question.length() + " chars");
    assertEquals(question.substring(0, n == 0 ? 0 : whole.end(n - 1)), cut.text());
  }

  @Test
  void shortQuestionsAreReadWhole() {
    assertCutsLikeTheWholeQuestion("Where does Bert live?");
    assertCutsLikeTheWholeQuestion("");
    assertCutsLikeTheWholeQuestion("   \n ");
  }

  @Test
  void longQuestionsKeepTheirFirstTokens() {
    assertCutsLikeTheWholeQuestion("where does bert live ".repeat(1000));
    assertCutsLikeTheWholeQuestion(" ".repeat(100_000) + "where does bert live ".repeat(100));
    assertCutsLikeTheWholeQuestion("x".repeat(50_000) + " unbelievable".repeat(100));
    assertCutsLikeTheWholeQuestion("unbelievably".repeat(200) + " ok".repeat(100)); // a word over 100 chars: [UNK]
    assertCutsLikeTheWholeQuestion("北京是中国的首都。".repeat(1000)); // every CJK character is a word
    assertCutsLikeTheWholeQuestion("ΟΔΟΣ ΣΟΦΟΣ ".repeat(500)); // final sigma depends on the next character
  }

  @Test
  void randomQuestionsKeepTheirFirstTokens() {
    String[] pieces = {" ", "\n", "\t", "  ", "bert", "Sesame", "street", ",", "?", "unaffable", "ΣΑΣ", "é", "北",
        "\u00a0", "\u2028", "x".repeat(300), "a-b", "\uD83D\uDE00", "\u0301"};
    Random random = new Random(7);
    for (int round = 0; round < 300; round++) {
      StringBuilder question = new StringBuilder();
      int parts = random.nextInt(600);
      for (int i = 0; i < parts; i++) {
        question.append(pieces[random.nextInt(pieces.length)]);
      }
      assertCutsLikeTheWholeQuestion(question.toString());
    }
  }

  @Test
  void lexicalModeReadsTheFirstWords() {
    assertEquals("Where does Bert ", QuestionCut.ofWords("Where does Bert live?", 3).text());
    assertEquals("Where does Bert live?", QuestionCut.ofWords("Where does Bert live?", 4).text());
    assertEquals("  a, b-", QuestionCut.ofWords("  a, b-c d", 2).text());
  }
}
