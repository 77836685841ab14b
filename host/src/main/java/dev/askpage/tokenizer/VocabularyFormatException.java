package dev.askpage.tokenizer;

import java.io.IOException;

/** A vocabulary file that was read but cannot serve as a BERT WordPiece vocabulary (for example, no {@code [UNK]}). */
public final class VocabularyFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  VocabularyFormatException(String message) {
    super(message);
  }
}
