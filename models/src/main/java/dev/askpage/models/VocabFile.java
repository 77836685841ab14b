package dev.askpage.models;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A WordPiece vocabulary file as the writers need it: its size and the id of a token (the line number). */
final class VocabFile {
  private final List<String> tokens;

  private VocabFile(List<String> tokens) {
    this.tokens = tokens;
  }

  static VocabFile read(Path file) throws IOException {
    List<String> tokens = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (tokens.isEmpty()) {
      throw new IOException("vocabulary " + file + " is empty");
    }
    return new VocabFile(tokens);
  }

  int size() {
    return tokens.size();
  }

  /** The id of a token, or -1 when the vocabulary lacks it. */
  int idOf(String token) {
    return tokens.indexOf(token);
  }
}
