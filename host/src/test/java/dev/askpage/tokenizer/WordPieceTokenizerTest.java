package dev.askpage.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.askpage.models.SharedData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WordPieceTokenizerTest {
  private final WordPieceTokenizer tokenizer = Tokenizers.bertUncased();
  private final Vocabulary vocab = tokenizer.vocabulary();

  // ---- public vectors (tokenizer-vectors.json) ----

  @Test
  void matchesEveryPublicVector() throws Exception {
    JsonObject root;
    try (var reader = Files.newBufferedReader(SharedData.resolve("tokenizer-vectors.json"), StandardCharsets.UTF_8)) {
      root = JsonParser.parseReader(reader).getAsJsonObject();
    }
    int checked = 0;
    for (JsonElement element : root.getAsJsonArray("cases")) {
      JsonObject c = element.getAsJsonObject();
      if (c.has("text")) {
        checkWithSpecials(c);
      } else {
        checkWordPieceOnly(c);
      }
      checked++;
    }
    assertEquals(6, checked);
  }

  private void checkWithSpecials(JsonObject c) {
    String text = c.get("text").getAsString();
    Encoding e = tokenizer.encode(text);
    int[] expectedIds = ints(c.getAsJsonArray("ids"));
    int[] ids = new int[e.size() + 2];
    ids[0] = vocab.clsId();
    System.arraycopy(e.ids(), 0, ids, 1, e.size());
    ids[ids.length - 1] = vocab.sepId();
    assertArrayEquals(expectedIds, ids, text);
    if (c.has("tokens")) {
      JsonArray tokens = c.getAsJsonArray("tokens");
      for (int i = 0; i < ids.length; i++) {
        assertEquals(tokens.get(i).getAsString(), vocab.token(ids[i]), text);
      }
    }
    if (c.has("char_offsets")) {
      JsonArray offsets = c.getAsJsonArray("char_offsets");
      assertEquals(ids.length, offsets.size());
      // [CLS] and [SEP] are [0, 0] in the vector; ours cover only real tokens.
      assertEquals(0, offsets.get(0).getAsJsonArray().get(1).getAsInt());
      for (int i = 0; i < e.size(); i++) {
        JsonArray pair = offsets.get(i + 1).getAsJsonArray();
        assertEquals(utf16(text, pair.get(0).getAsInt()), e.start(i), text + " start of token " + i);
        assertEquals(utf16(text, pair.get(1).getAsInt()), e.end(i), text + " end of token " + i);
      }
    }
  }

  private void checkWordPieceOnly(JsonObject c) {
    String text = c.get("wordpiece_only_text").getAsString();
    Encoding e = tokenizer.encode(text);
    JsonArray subwords = c.getAsJsonArray("subwords");
    int[] begins = ints(c.getAsJsonArray("wp_begin_offset"));
    int[] ends = ints(c.getAsJsonArray("wp_end_offset"));
    assertEquals(subwords.size(), e.size(), text);
    for (int i = 0; i < e.size(); i++) {
      assertEquals(subwords.get(i).getAsString(), vocab.token(e.id(i)), text);
      assertEquals(utf16(text, begins[i]), e.start(i), text);
      assertEquals(utf16(text, ends[i]), e.end(i), text);
    }
  }

  /** A code point index (Python) as a UTF-16 index (Java). */
  private static int utf16(String text, int codePoints) {
    return text.offsetByCodePoints(0, codePoints);
  }

  private static int[] ints(JsonArray array) {
    int[] values = new int[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).getAsInt();
    }
    return values;
  }

  // ---- regressions of the @tensorflow-models/qna tokenizer ----

  @Test
  void missingPieceFallsBackToShorterPieces() {
    assertEquals(-1, vocab.id("wor"));
    assertNotEquals(-1, vocab.id("wo"));
    assertNotEquals(-1, vocab.id("##r"));
    assertEquals(List.of("wo", "##r"), tokens("wor"));
    assertEquals(List.of("[0,2)", "[2,3)"), offsets("wor"));
  }

  @Test
  void offsetsDoNotDriftAfterEmoji() {
    String text = "I 😁 love 🇵🇱 Warsaw";
    assertEquals(List.of("i", "[UNK]", "love", "[UNK]", "warsaw"), tokens(text));
    Encoding e = tokenizer.encode(text);
    assertEquals("😁", text.substring(e.start(1), e.end(1)));
    assertEquals("love", text.substring(e.start(2), e.end(2)));
    assertEquals("🇵🇱", text.substring(e.start(3), e.end(3)));
    assertEquals("Warsaw", text.substring(e.start(4), e.end(4)));
  }

  @Test
  void offsetsDoNotDriftAfterDottedCapitalI() {
    String text = "İstanbul İS big";
    Encoding e = tokenizer.encode(text);
    List<String> tokens = tokens(text);
    assertEquals("big", tokens.get(tokens.size() - 1));
    assertEquals("big", text.substring(e.start(e.size() - 1), e.end(e.size() - 1)));
    assertEquals(List.of("is"), tokens("İS"));
    assertEquals(List.of("[0,2)"), offsets("İS"));
  }

  @Test
  void leadingWhitespaceDoesNotShiftOffsets() {
    String text = " \n\t\u00A0 Paris is  nice";
    Encoding e = tokenizer.encode(text);
    assertEquals(List.of("paris", "is", "nice"), tokens(text));
    assertEquals("Paris", text.substring(e.start(0), e.end(0)));
    assertEquals("is", text.substring(e.start(1), e.end(1)));
    assertEquals("nice", text.substring(e.start(2), e.end(2)));
  }

  @Test
  void firstWordStartsAtZero() {
    Encoding e = tokenizer.encode("Normandy is a region in France.");
    assertEquals(0, e.start(0));
    assertEquals(8, e.end(0));
    assertEquals("normandy", vocab.token(e.id(0)));
  }

  // ---- BasicTokenizer behaviour ----

  @Test
  void specialTokenTextIsPlainText() {
    assertEquals(List.of("[", "sep", "]", "a", "[", "cl", "##s", "]"), tokens("[SEP] a [CLS]"));
  }

  @Test
  void punctuationCharsAreWordsOfTheirOwn() {
    assertEquals(List.of("it", "'", "s", "$", "5", ".", "00", "!", "!"), tokens("it's $5.00!!"));
  }

  @Test
  void cjkIdeographsAreSplitOut() {
    assertEquals(List.of("a", "中", "国", "b"), tokens("a中国b"));
    assertEquals(List.of("[0,1)", "[1,2)", "[2,3)", "[3,4)"), offsets("a中国b"));
  }

  @Test
  void controlsAreDroppedWithoutSplittingAWord() {
    assertEquals(List.of("hello"), tokens("hel\u0000lo"));
    assertEquals(List.of("hello"), tokens("hel\u200Blo"));
    assertEquals(List.of("[0,6)"), offsets("hel\u200Blo"));
    assertEquals(List.of("a", "b"), tokens("a\u2028b"));
  }

  @Test
  void accentsAreStrippedAndCombiningMarksKeptInRange() {
    assertEquals(List.of("cafe"), tokens("Café"));
    assertEquals(List.of("cafe"), tokens("Cafe\u0301"));
    assertEquals(List.of("[0,5)"), offsets("Cafe\u0301"));
  }

  @Test
  void hangulPiecesShareTheirSyllablesRange() {
    Encoding e = tokenizer.encode("한");
    assertEquals(List.of("ᄒ", "##ᅡ", "##ᆫ"), tokens("한"));
    for (int i = 0; i < e.size(); i++) {
      assertEquals(0, e.start(i));
      assertEquals(1, e.end(i));
    }
  }

  @Test
  void wordWithoutCompleteSegmentationIsOneUnk() {
    assertEquals(List.of("[UNK]"), tokens("abc😁"));
    assertEquals(List.of("[0,5)"), offsets("abc😁"));
  }

  @Test
  void wordOverHundredCodePointsIsUnk() {
    String hundred = "a".repeat(100);
    assertNotEquals("[UNK]", tokens(hundred).get(0));
    assertEquals(List.of("[UNK]"), tokens(hundred + "a"));
    // 100 accented letters are 200 chars before stripping, 100 code points after: still tokenized.
    assertEquals(tokens(hundred), tokens("a\u0301".repeat(100)));
  }

  @Test
  void capitalSigmaEndingAWordIsFinalSigmaAsPythonLowersIt() {
    // Issue 10: BERT lowercases each word with str.lower(), whose final-sigma rule gives ο ##δ ##ος, not ο ##δ ##ο ##σ.
    assertEquals(List.of("ο", "##δ", "##ος"), tokens("ΟΔΟΣ"));
    assertEquals(List.of("[0,1)", "[1,2)", "[2,4)"), offsets("ΟΔΟΣ"));
    assertEquals(tokens("οδος"), tokens("ΟΔΟΣ"));
    assertEquals(tokens("οδος"), tokens("ΟΔΟ\u00ADΣ")); // a soft hyphen (dropped, case-ignorable) changes nothing
    assertEquals(tokens("οδος ."), tokens("ΟΔΟΣ.")); // '.' is case-ignorable, then the word ends
    assertEquals(tokens("οδος'"), tokens("ΟΔΟΣ'"));
    assertEquals(tokens("οδος - αβ"), tokens("ΟΔΟΣ-ΑΒ")); // '-' is not case-ignorable: nothing cased follows
    assertEquals(tokens("οδος αβ"), tokens("ΟΔΟΣ ΑΒ"));
    assertEquals(tokens("ας"), tokens("ΑΣ\u0301")); // the accent is skipped, then stripped
    assertEquals(tokens("aς"), tokens("AΣ")); // any cased letter counts, Latin too
  }

  @Test
  void capitalSigmaElsewhereIsMedialSigma() {
    assertEquals(tokens("σοφια"), tokens("ΣΟΦΙΑ")); // nothing cased before it
    assertEquals(tokens("σ"), tokens("Σ"));
    assertEquals(tokens("1σ"), tokens("1Σ")); // digits are not cased
    assertEquals(tokens("οδοσς"), tokens("ΟΔΟΣΣ")); // a cased letter (the next Σ) follows the first
    assertEquals(tokens("οδοσ.α"), tokens("ΟΔΟΣ.Α")); // case-ignorable '.', then a cased letter
    assertEquals(tokens("οδος"), tokens("οδος")); // a lowercase σ or ς is left as written
    assertEquals(tokens("οδοσ"), tokens("οδοσ"));
  }

  @Test
  void finalSigmaLooksOnlyInsideTheEncodedRange() {
    String text = "ΟΔΟΣΑ";
    Encoding cut = tokenizer.encode(text, 0, 4);
    Encoding whole = tokenizer.encode("ΟΔΟΣ");
    assertArrayEquals(whole.ids(), cut.ids());
  }

  @Test
  void emptyAndBlankTextHaveNoTokens() {
    assertEquals(0, tokenizer.encode("").size());
    assertEquals(0, tokenizer.encode(" \u0301\u200B\n").size());
  }

  // ---- ranges ----

  @Test
  void rangeOffsetsIndexTheWholeText() {
    String text = "skip this. Hello world";
    Encoding e = tokenizer.encode(text, 11, text.length());
    assertEquals(List.of("hello", "world"), names(e));
    assertEquals(11, e.start(0));
    assertEquals(22, e.end(1));
  }

  @Test
  void rangeCutsASurrogatePairAsDropped() {
    String text = "a😁b";
    assertEquals(List.of("a"), names(tokenizer.encode(text, 0, 2)));
  }

  @Test
  void rangeOutsideTextIsRejected() {
    assertThrows(IndexOutOfBoundsException.class, () -> tokenizer.encode("abc", 2, 4));
  }

  private List<String> tokens(String text) {
    return names(tokenizer.encode(text));
  }

  private List<String> names(Encoding e) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < e.size(); i++) {
      names.add(vocab.token(e.id(i)));
    }
    return names;
  }

  private List<String> offsets(String text) {
    Encoding e = tokenizer.encode(text);
    List<String> offsets = new ArrayList<>();
    for (int i = 0; i < e.size(); i++) {
      offsets.add("[" + e.start(i) + "," + e.end(i) + ")");
    }
    return offsets;
  }
}
