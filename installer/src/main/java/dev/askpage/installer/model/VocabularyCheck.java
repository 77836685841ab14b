package dev.askpage.installer.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks that a {@code vocab.txt} is a BERT WordPiece vocabulary before it is installed: UTF-8 text, one token per
 * line (no NUL byte, no space or tab inside a token) and the special tokens BERT's inputs are made of. The host's
 * tokenizer (which the installer cannot depend on) refuses a file without {@code [CLS]}, {@code [SEP]}, {@code [PAD]}
 * or {@code [UNK]} or that is not UTF-8, so a file passing here loads there; a web page saved as {@code vocab.txt}
 * is refused here, before it could replace a working model.
 */
final class VocabularyCheck {
  /** The tokens every BERT vocabulary has; the host needs the first four. */
  static final List<String> SPECIAL_TOKENS = List.of("[CLS]", "[SEP]", "[PAD]", "[UNK]", "[MASK]");

  private VocabularyCheck() {}

  /**
   * Reads {@code vocab} through.
   *
   * @param origin where the file came from, for the message
   * @return the number of tokens (lines): the token ids the vocabulary gives are 0 to this minus one
   * @throws VerificationException saying what is wrong and where
   */
  static int check(Path vocab, String origin) throws IOException, VerificationException {
    String what = "vocab.txt from " + origin + " is not a BERT WordPiece vocabulary: ";
    Set<String> missing = new LinkedHashSet<>(SPECIAL_TOKENS);
    int lineNumber = 0;
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(vocab),
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)))) {
      // readLine ends a line at \n, \r or \r\n, as the host's reader and Hugging Face's do.
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        if (line.indexOf('\0') >= 0) {
          throw new VerificationException(what + "line " + lineNumber + " holds a NUL byte (a binary file?)");
        }
        if (line.indexOf(' ') >= 0 || line.indexOf('\t') >= 0) {
          throw new VerificationException(what + "line " + lineNumber + " holds a space or tab, but a vocabulary "
              + "has one token per line: \"" + shorten(line) + "\"");
        }
        missing.remove(line);
      }
    } catch (CharacterCodingException e) {
      throw new VerificationException(what + "it is not UTF-8 text (after line " + lineNumber + ")");
    }
    if (!missing.isEmpty()) {
      throw new VerificationException(what + "it has no " + String.join(", ", missing) + " token"
          + (missing.size() > 1 ? "s" : "") + " (" + lineNumber + " lines)");
    }
    return lineNumber;
  }

  private static String shorten(String line) {
    return line.length() <= 60 ? line : line.substring(0, 60) + "...";
  }
}
