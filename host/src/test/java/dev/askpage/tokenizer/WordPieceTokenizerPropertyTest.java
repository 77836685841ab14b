package dev.askpage.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.askpage.models.SharedData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Offset properties of {@link WordPieceTokenizer} over real paragraphs and random Unicode. */
class WordPieceTokenizerPropertyTest {
  private final WordPieceTokenizer tokenizer = Tokenizers.bertUncased();
  private final Vocabulary vocab = tokenizer.vocabulary();

  @Test
  void squadParagraphsKeepTheOffsetContract() throws Exception {
    List<String> paragraphs = new ArrayList<>();
    try (var reader =
        Files.newBufferedReader(SharedData.resolve("squad/dev-v1.1.json"), StandardCharsets.UTF_8)) {
      for (JsonElement article : JsonParser.parseReader(reader).getAsJsonObject().getAsJsonArray("data")) {
        for (JsonElement p : article.getAsJsonObject().getAsJsonArray("paragraphs")) {
          paragraphs.add(p.getAsJsonObject().get("context").getAsString());
        }
      }
    }
    assertTrue(paragraphs.size() > 2000);
    for (String paragraph : paragraphs) {
      check(paragraph);
    }
  }

  @Test
  void randomUnicodeKeepsTheOffsetContract() {
    SplittableRandom random = new SplittableRandom(20240611);
    for (int n = 0; n < 20_000; n++) {
      check(randomText(random, 1 + random.nextInt(60)));
    }
  }

  @Test
  void randomRangesKeepTheOffsetContract() {
    SplittableRandom random = new SplittableRandom(7);
    for (int n = 0; n < 5_000; n++) {
      String text = randomText(random, 1 + random.nextInt(40));
      int from = random.nextInt(text.length() + 1);
      int to = from + random.nextInt(text.length() - from + 1);
      Encoding e = tokenizer.encode(text, from, to);
      check(text.substring(0, to), e, from);
    }
  }

  private void check(String text) {
    check(text, tokenizer.encode(text), 0);
  }

  /**
   * Tokens are in order; a run of tokens whose ranges overlap (pieces of one decomposed char) is a cluster, and each
   * cluster's source text, normalised, spells its tokens (unless [UNK]); clusters together spell the whole text.
   */
  private void check(String text, Encoding e, int from) {
    StringBuilder spelled = new StringBuilder();
    int i = 0;
    int previousEnd = from;
    while (i < e.size()) {
      int start = e.start(i);
      int end = e.end(i);
      assertTrue(start >= previousEnd, () -> describe(text, e));
      int j = i + 1;
      while (j < e.size() && e.start(j) < end) {
        assertTrue(e.start(j) >= e.start(j - 1) && e.end(j) >= e.end(j - 1), () -> describe(text, e));
        end = Math.max(end, e.end(j));
        j++;
      }
      assertTrue(start < end, () -> describe(text, e));
      String source = normalize(text.substring(start, end));
      assertFalse(source.isEmpty(), () -> describe(text, e));
      StringBuilder pieces = new StringBuilder();
      boolean unknown = false;
      for (int k = i; k < j; k++) {
        unknown |= e.id(k) == vocab.unkId();
        String token = vocab.token(e.id(k));
        pieces.append(token.startsWith("##") ? token.substring(2) : token);
      }
      if (!unknown) {
        assertEquals(source, sigmaAsMedial(pieces.toString()), () -> describe(text, e));
      }
      spelled.append(source);
      previousEnd = end;
      i = j;
    }
    assertEquals(normalize(text.substring(from)).replaceAll("\\s", ""), spelled.toString(), () -> describe(text, e));
  }

  /** Final sigma depends on the word around it (WordPieceTokenizerTest checks it); spelling compares it as σ. */
  private static String sigmaAsMedial(String s) {
    return s.replace('\u03C2', '\u03C3');
  }

  /**
   * The spec, written independently: drop controls, lowercase, NFD over the whole string, strip Mn (sigma compared as
   * medial).
   */
  private static String normalize(String s) {
    StringBuilder kept = new StringBuilder();
    s.codePoints()
        .filter(cp -> cp != 0 && cp != 0xFFFD && !isC(cp))
        .map(cp -> cp == 0x130 ? 'i' : Character.toLowerCase(cp))
        .forEach(kept::appendCodePoint);
    StringBuilder out = new StringBuilder();
    Normalizer.normalize(kept, Normalizer.Form.NFD).codePoints()
        .filter(cp -> Character.getType(cp) != Character.NON_SPACING_MARK)
        .map(cp -> Character.getType(cp) == Character.SPACE_SEPARATOR || cp == 0x2028 || cp == 0x2029 ? ' ' : cp)
        .forEach(out::appendCodePoint);
    return sigmaAsMedial(out.toString());
  }

  private static boolean isC(int cp) {
    if (cp == '\t' || cp == '\n' || cp == '\r') {
      return false;
    }
    int type = Character.getType(cp);
    return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
        || type == Character.PRIVATE_USE || type == Character.UNASSIGNED;
  }

  private String describe(String text, Encoding e) {
    StringBuilder s = new StringBuilder("text ").append(escape(text)).append('\n');
    for (int i = 0; i < e.size(); i++) {
      s.append(vocab.token(e.id(i))).append(" [").append(e.start(i)).append(',').append(e.end(i)).append(") ");
    }
    return s.toString();
  }

  private static String escape(String text) {
    StringBuilder s = new StringBuilder();
    text.chars().forEach(c -> s.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format("\\u%04X", c)));
    return s.toString();
  }

  private static final String[] WORDS = {
    "the", "Warsaw", "İstanbul", "straße", "ﬁnance", "naïve", "cafe\u0301", "ΟΔΟΣ", "λόγος", "Ωmega", "한국어",
    "東京", "𩸽", "😁", "👨\u200D👩\u200D👧", "🇵🇱", "1\uFE0F\u20E3", "[SEP]", "[CLS]", "##ing", "don't", "U.S.",
    "e-mail", "x²", "½", "ǅ", "Ǆ", "Ⅻ", "\uD801\uDC00", "Ŀ", "ŉ", "आपका", "مرحبا", "שלום", "wor", "questionanswer",
    "a".repeat(101), "é".repeat(60), "\u1FEF", "A\u0345", "ꙮ",
  };

  private static final int[] SINGLES = {
    ' ', ' ', ' ', '\t', '\n', '\r', 0x00A0, 0x2003, 0x3000, 0x2028, 0x0000, 0xFFFD, 0x0007, 0x000B, 0x0085, 0x200B,
    0x200D, 0xFEFF, 0xE000, 0xD800, 0xDC00, 0x0301, 0x0308, 0x0345, 0x20DD, '.', ',', '!', '?', '\'', '"', '(', ')',
    '$', '^', '`', '~', '-', 0x2014, 0x201C, 0x3002, 0xFF01, 0x00BF, 0x0130, 0x03A3, 0x00DF, 0x1E9E, 0xD55C, 0x4E2D,
    0xF900, 0x1F601, 0x1F3FD, 0x10400, 0x20000, 0x0F0000,
  };

  private static String randomText(SplittableRandom random, int parts) {
    StringBuilder s = new StringBuilder();
    for (int p = 0; p < parts; p++) {
      switch (random.nextInt(4)) {
        case 0:
          s.append(WORDS[random.nextInt(WORDS.length)]);
          break;
        case 1:
          s.appendCodePoint(SINGLES[random.nextInt(SINGLES.length)]);
          break;
        case 2:
          s.appendCodePoint(randomCodePoint(random));
          break;
        default:
          for (int k = random.nextInt(1, 8); k > 0; k--) {
            s.append((char) ('a' + random.nextInt(26)));
          }
      }
    }
    return s.toString();
  }

  private static int randomCodePoint(SplittableRandom random) {
    switch (random.nextInt(4)) {
      case 0:
        return random.nextInt(0x20, 0x250);
      case 1:
        return random.nextInt(0x250, 0x3400);
      case 2:
        return random.nextInt(0x3400, 0x10000);
      default:
        return random.nextInt(0x10000, 0x30000);
    }
  }
}
