package dev.askpage.tokenizer;

import dev.askpage.models.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shared bert-base-uncased vocabulary and a tokenizer over it, loaded once for all tests. */
final class Tokenizers {
  private static volatile WordPieceTokenizer shared;

  private Tokenizers() {}

  static WordPieceTokenizer bertUncased() {
    WordPieceTokenizer tokenizer = shared;
    if (tokenizer == null) {
      synchronized (Tokenizers.class) {
        tokenizer = shared;
        if (tokenizer == null) {
          Path path = SharedData.vocabulary();
          if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(
                "no vocabulary at " + path.toAbsolutePath() + ": set -Daskpage.shared.data=<shared/data folder>");
          }
          try {
            tokenizer = new WordPieceTokenizer(Vocabulary.load(path));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          shared = tokenizer;
        }
      }
    }
    return tokenizer;
  }
}
