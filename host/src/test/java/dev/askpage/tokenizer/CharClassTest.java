package dev.askpage.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CharClassTest {
  @Test
  void asciiWhitespaceAndUnicodeSpacesSeparate() {
    for (int cp : new int[] {' ', '\t', '\n', '\r', 0x00A0, 0x2003, 0x3000, 0x2028, 0x2029}) {
      assertEquals(CharClass.SPACE, CharClass.kind(cp), Integer.toHexString(cp));
    }
  }

  @Test
  void controlsFormatsAndPrivateUseAreDropped() {
    for (int cp : new int[] {0, 0xFFFD, 0x0B, 0x0C, 0x7F, 0x85, 0x200B, 0x200D, 0xFEFF, 0xE000, 0xD800, 0xF0000}) {
      assertEquals(CharClass.DROP, CharClass.kind(cp), Integer.toHexString(cp));
    }
  }

  @Test
  void cjkIdeographsStandAlone() {
    for (int cp : new int[] {0x4E2D, 0x3400, 0xF900, 0x20000, 0x29E3D, 0x2F800}) {
      assertEquals(CharClass.CJK, CharClass.kind(cp), Integer.toHexString(cp));
    }
    assertEquals(CharClass.WORD, CharClass.kind(0x3042)); // hiragana is not split out
    assertEquals(CharClass.WORD, CharClass.kind(0xD55C)); // nor is Hangul
  }

  @Test
  void asciiSymbolsAndUnicodePunctuationArePunctuation() {
    for (int cp : new int[] {'$', '^', '`', '~', '+', '<', '\'', 0x00BF, 0x2014, 0x201C, 0x3002, 0xFF01}) {
      assertTrue(CharClass.isPunctuation(cp), Integer.toHexString(cp));
    }
    for (int cp : new int[] {'a', '0', 0x00A9, 0x20AC, 0x1F601}) {
      assertFalse(CharClass.isPunctuation(cp), Integer.toHexString(cp));
    }
  }

  @Test
  void foldLowercasesAndStripsAccents() {
    assertEquals("e", CharClass.fold('É'));
    assertEquals("i", CharClass.fold(0x0130)); // İ
    assertEquals("ß", CharClass.fold('ß'));
    assertEquals("σ", CharClass.fold('Σ')); // per code point, like Hugging Face: no final sigma
    assertEquals("\uFB01", CharClass.fold(0xFB01)); // NFD keeps ligatures
    assertEquals("", CharClass.fold(0x0301));
    assertEquals("\u1112\u1161\u11AB", CharClass.fold(0xD55C)); // 한 decomposes into three jamo
    assertEquals("\uD801\uDC28", CharClass.fold(0x10400)); // Deseret capital lowercases to an astral letter
  }
}
