package dev.askpage.tokenizer;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.askpage.models.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;

/**
 * Prints tokenizer throughput on SQuAD text (a 100 KB article and a 5 M-char page); a benchmark, not a test.
 *
 * <p>Run: {@code mvn -q -B -o -pl host -am test-compile} then {@code java -cp host/target/classes:host/target/test-classes:
 * models/target/classes:$(gson jar) -Daskpage.shared.data=... dev.askpage.tokenizer.TokenizerBenchmark}.
 */
final class TokenizerBenchmark {
  private TokenizerBenchmark() {}

  public static void main(String[] args) throws IOException {
    long t0 = System.nanoTime();
    WordPieceTokenizer tokenizer = new WordPieceTokenizer(Vocabulary.load(SharedData.vocabulary()));
    System.out.printf(Locale.ROOT, "load + trie: %.1f ms%n", (System.nanoTime() - t0) / 1e6);
    StringBuilder all = new StringBuilder();
    try (var reader =
        Files.newBufferedReader(SharedData.resolve("squad/dev-v1.1.json"), StandardCharsets.UTF_8)) {
      for (JsonElement article : JsonParser.parseReader(reader).getAsJsonObject().getAsJsonArray("data")) {
        for (JsonElement p : article.getAsJsonObject().getAsJsonArray("paragraphs")) {
          all.append(p.getAsJsonObject().get("context").getAsString()).append("\n\n");
        }
      }
    }
    String article = all.substring(0, 100_000);
    StringBuilder big = new StringBuilder(5_000_000);
    while (big.length() < 5_000_000) {
      big.append(all, 0, Math.min(all.length(), 5_000_000 - big.length()));
    }
    String page = big.toString();
    run(tokenizer, "100 KB article", article, 200);
    run(tokenizer, "5 M-char page", page, 5);
  }

  private static void run(WordPieceTokenizer tokenizer, String name, String text, int rounds) {
    for (int i = 0; i < rounds; i++) {
      tokenizer.encode(text); // warm-up
    }
    long best = Long.MAX_VALUE;
    int tokens = 0;
    for (int i = 0; i < rounds; i++) {
      long start = System.nanoTime();
      tokens = tokenizer.encode(text).size();
      best = Math.min(best, System.nanoTime() - start);
    }
    System.out.printf(
        Locale.ROOT,
        "%s: %,d chars -> %,d tokens, best %.2f ms, %.1f M tokens/s, %.1f M chars/s%n",
        name, text.length(), tokens, best / 1e6, tokens / (best / 1e9) / 1e6, text.length() / (best / 1e9) / 1e6);
  }
}
