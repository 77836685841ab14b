package dev.askpage.models;

import java.nio.file.Path;

/**
 * Where the shared data lives (vocabulary, SQuAD sets, pages): never copied into the project.
 *
 * <p>Looked up from the {@code askpage.shared.data} system property, then the {@code ASKPAGE_SHARED_DATA} environment
 * variable, then {@code ../shared/data} relative to the working directory.
 */
public final class SharedData {
  private SharedData() {}

  /** The shared data folder. */
  public static Path dir() {
    String property = System.getProperty("askpage.shared.data");
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    String env = System.getenv("ASKPAGE_SHARED_DATA");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of("..", "shared", "data");
  }

  /** A file or folder inside the shared data folder. */
  public static Path resolve(String relative) {
    return dir().resolve(relative);
  }

  /** The BERT uncased WordPiece vocabulary. */
  public static Path vocabulary() {
    return resolve("bert-base-uncased-vocab.txt");
  }
}
