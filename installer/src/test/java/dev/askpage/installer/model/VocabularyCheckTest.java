package dev.askpage.installer.model;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.askpage.models.SharedData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocabularyCheckTest {
  @TempDir Path temp;

  private String refusal(byte[] bytes) throws Exception {
    Path file = Files.write(temp.resolve("vocab.txt"), bytes);
    return assertThrows(VerificationException.class, () -> VocabularyCheck.check(file, "here")).getMessage();
  }

  private String refusal(String text) throws Exception {
    return refusal(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void bertBaseUncasedPasses() throws Exception {
    VocabularyCheck.check(SharedData.vocabulary(), "the shared data");
    Path crlf = Files.writeString(temp.resolve("crlf.txt"), "[PAD]\r\n[UNK]\r\n[CLS]\r\n[SEP]\r\n[MASK]\r\n##s\r\n");
    VocabularyCheck.check(crlf, "a Windows copy");
  }

  @Test
  void aWebPageIsRefused() throws Exception {
    String message = refusal("<!DOCTYPE html>\n<html lang=\"en\">\n<body>Not Found</body>\n");
    assertTrue(message.contains("vocab.txt from here is not a BERT WordPiece vocabulary: line 1"), message);
  }

  @Test
  void missingSpecialTokensAreNamed() throws Exception {
    String message = refusal("[PAD]\n[UNK]\n[CLS]\nthe\n");
    assertTrue(message.contains("no [SEP], [MASK] tokens"), message);
  }

  @Test
  void binaryAndNonUtf8FilesAreRefused() throws Exception {
    assertTrue(refusal("[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nab\0c\n").contains("NUL"));
    byte[] latin1 = "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\ncaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
    assertTrue(refusal(latin1).contains("not UTF-8"), refusal(latin1));
  }
}
