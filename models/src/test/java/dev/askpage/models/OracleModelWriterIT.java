package dev.askpage.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OracleModelWriterIT {
  private static final List<String> WORDS = List.of(
      "[CLS]", "where", "is", "the", "tower", "?", "[SEP]",
      "it", "stands", "in", "paris", ",", "capital", "of", "france", ".", "[SEP]");

  @TempDir static Path temp;
  static VocabFile vocab;
  static ModelDirectory oracle;

  @BeforeAll
  static void writeOracle() throws Exception {
    vocab = VocabFile.read(SharedData.vocabulary());
    oracle = SyntheticModels.writeOracle(temp, vocab.idOf("paris"), vocab.idOf("france"), SharedData.vocabulary());
  }

  @Test
  void logitsPeakExactlyAtTheStartAndEndWords() throws Exception {
    long[][] ids = {ids(WORDS)};
    float[][][] logits = run(ids, OrtRunner.filled(1, WORDS.size(), 1), segments());
    for (int i = 0; i < WORDS.size(); i++) {
      float start = WORDS.get(i).equals("paris") ? 10f : WORDS.get(i).equals("[CLS]") ? 0f : -10f;
      float end = WORDS.get(i).equals("france") ? 10f : WORDS.get(i).equals("[CLS]") ? 0f : -10f;
      assertEquals(start, logits[0][0][i], 0f, "start logit of " + WORDS.get(i));
      assertEquals(end, logits[1][0][i], 0f, "end logit of " + WORDS.get(i));
    }
  }

  @Test
  void absentWordsLeaveNoAnswerAsTheBestChoice() throws Exception {
    List<String> words = WORDS.subList(0, 7);
    float[][][] logits = run(new long[][] {ids(words)}, OrtRunner.filled(1, 7, 1), OrtRunner.filled(1, 7, 0));
    assertEquals(0, argmax(logits[0][0]));
    assertEquals(0, argmax(logits[1][0]));
  }

  @Test
  void paddedPositionsNeverWin() throws Exception {
    long[][] ids = {ids(WORDS)};
    long[][] mask = OrtRunner.filled(1, WORDS.size(), 1);
    int paris = WORDS.indexOf("paris");
    mask[0][paris] = 0;
    float[][][] logits = run(ids, mask, segments());
    assertEquals(-10f, logits[0][0][paris], 0f);
  }

  @Test
  void eachRowOfABatchIsAnsweredOnItsOwn() throws Exception {
    long[] row = ids(WORDS);
    long[] shifted = new long[row.length];
    shifted[0] = row[0];
    System.arraycopy(row, 7, shifted, 1, 10);
    System.arraycopy(row, 1, shifted, 11, 6);
    float[][][] logits = run(new long[][] {row, shifted}, OrtRunner.filled(2, row.length, 1),
        OrtRunner.filled(2, row.length, 0));
    assertEquals(WORDS.indexOf("paris"), argmax(logits[0][0]));
    assertEquals(4, argmax(logits[0][1]));
    assertEquals(8, argmax(logits[1][1]));
  }

  private static float[][][] run(long[][] ids, long[][] mask, long[][] types) throws Exception {
    try (OrtRunner runner = new OrtRunner(oracle.modelFile(), 1)) {
      return runner.run(ids, mask, types);
    }
  }

  private static long[] ids(List<String> words) {
    return words.stream().mapToLong(vocab::idOf).peek(id -> {
      if (id < 0) {
        throw new IllegalStateException("word not in vocabulary");
      }
    }).toArray();
  }

  private static long[][] segments() {
    long[][] types = OrtRunner.filled(1, WORDS.size(), 1);
    for (int i = 0; i < 7; i++) {
      types[0][i] = 0;
    }
    return types;
  }

  private static int argmax(float[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] > values[best]) {
        best = i;
      }
    }
    return best;
  }
}
