package dev.askpage.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocabularyTest {
  @TempDir Path dir;

  @Test
  void bertUncasedHasTheKnownSizeAndSpecialIds() {
    Vocabulary vocab = Tokenizers.bertUncased().vocabulary();
    assertEquals(30522, vocab.size());
    assertEquals(0, vocab.padId());
    assertEquals(100, vocab.unkId());
    assertEquals(101, vocab.clsId());
    assertEquals(102, vocab.sepId());
  }

  @Test
  void idAndTokenAreInverse() {
    Vocabulary vocab = Tokenizers.bertUncased().vocabulary();
    assertEquals(7592, vocab.id("hello"));
    assertEquals("hello", vocab.token(7592));
    assertEquals("##r", vocab.token(vocab.id("##r")));
  }

  @Test
  void absentTokenIsMinusOne() {
    assertEquals(-1, Tokenizers.bertUncased().vocabulary().id("wor"));
  }

  @Test
  void lineEndingsMayBeCrLf() throws Exception {
    Vocabulary vocab = load("[PAD]\r\n[UNK]\r\n[CLS]\r\n[SEP]\r\nhello\r\n");
    assertEquals(5, vocab.size());
    assertEquals(4, vocab.id("hello"));
  }

  @Test
  void duplicateTokenKeepsItsLastLine() throws Exception {
    Vocabulary vocab = load("[PAD]\n[UNK]\n[CLS]\n[SEP]\na\na\n");
    assertEquals(5, vocab.id("a"));
    assertEquals("a", vocab.token(4));
  }

  @Test
  void missingUnkIsAFormatError() throws Exception {
    VocabularyFormatException e =
        assertThrows(VocabularyFormatException.class, () -> load("[PAD]\n[CLS]\n[SEP]\nhello\n"));
    assertEquals("vocabulary has no [UNK] token", e.getMessage());
  }

  private Vocabulary load(String content) throws Exception {
    Path file = dir.resolve("vocab.txt");
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return Vocabulary.load(file);
  }
}
