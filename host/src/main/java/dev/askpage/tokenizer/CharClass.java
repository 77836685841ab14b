package dev.askpage.tokenizer;

import java.text.Normalizer;

/** How BERT's BasicTokenizer sees one code point: dropped, white space, CJK ideograph or word char, and its folded form. */
final class CharClass {
  /** Part of a word. */
  static final byte WORD = 0;
  /** Separates words. */
  static final byte SPACE = 1;
  /** Removed before anything else happens; does not separate words. */
  static final byte DROP = 2;
  /** A CJK ideograph: a word on its own. */
  static final byte CJK = 3;

  private static final byte[] BMP_KIND = new byte[0x10000];
  private static final boolean[] BMP_PUNCTUATION = new boolean[0x10000];
  /** Folded forms of BMP chars, filled on first use (Strings are safe to publish through a data race). */
  private static final String[] BMP_FOLD = new String[0x10000];

  static {
    for (int c = 0; c < 0x10000; c++) {
      BMP_KIND[c] = computeKind(c);
      BMP_PUNCTUATION[c] = computePunctuation(c);
    }
  }

  private CharClass() {}

  /** The kind of a code point (a lone surrogate is {@link #DROP}). */
  static byte kind(int cp) {
    return cp < 0x10000 ? BMP_KIND[cp] : computeKind(cp);
  }

  /** Hugging Face's {@code _is_punctuation}: ASCII non-alphanumeric symbols and every Unicode P* category. */
  static boolean isPunctuation(int cp) {
    return cp < 0x10000 ? BMP_PUNCTUATION[cp] : computePunctuation(cp);
  }

  /**
   * The code point lowercased, NFD-decomposed and stripped of non-spacing marks (Mn); empty when nothing is left.
   * Lowercasing is per code point; the one context-dependent case, capital sigma, is {@link FinalSigma}'s.
   */
  static String fold(int cp) {
    if (cp < 0x10000) {
      String folded = BMP_FOLD[cp];
      if (folded == null) {
        folded = computeFold(cp);
        BMP_FOLD[cp] = folded;
      }
      return folded;
    }
    return computeFold(cp);
  }

  private static byte computeKind(int cp) {
    if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r') {
      return SPACE;
    }
    if (cp == 0 || cp == 0xFFFD) {
      return DROP;
    }
    switch (Character.getType(cp)) {
      // _is_control: every C* category (Cc, Cf, Cs, Co, Cn).
      case Character.CONTROL:
      case Character.FORMAT:
      case Character.SURROGATE:
      case Character.PRIVATE_USE:
      case Character.UNASSIGNED:
        return DROP;
      // _is_whitespace keeps Zs; Python's str.split() then also splits at U+2028 (Zl) and U+2029 (Zp).
      case Character.SPACE_SEPARATOR:
      case Character.LINE_SEPARATOR:
      case Character.PARAGRAPH_SEPARATOR:
        return SPACE;
      default:
        return isCjk(cp) ? CJK : WORD;
    }
  }

  /** Hugging Face's {@code _is_chinese_char} ranges (CJK Unified Ideographs and extensions, compatibility ideographs). */
  static boolean isCjk(int cp) {
    return (cp >= 0x4E00 && cp <= 0x9FFF)
        || (cp >= 0x3400 && cp <= 0x4DBF)
        || (cp >= 0x20000 && cp <= 0x2A6DF)
        || (cp >= 0x2A700 && cp <= 0x2B73F)
        || (cp >= 0x2B740 && cp <= 0x2B81F)
        || (cp >= 0x2B820 && cp <= 0x2CEAF)
        || (cp >= 0xF900 && cp <= 0xFAFF)
        || (cp >= 0x2F800 && cp <= 0x2FA1F);
  }

  private static boolean computePunctuation(int cp) {
    if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) {
      return true;
    }
    switch (Character.getType(cp)) {
      case Character.CONNECTOR_PUNCTUATION:
      case Character.DASH_PUNCTUATION:
      case Character.START_PUNCTUATION:
      case Character.END_PUNCTUATION:
      case Character.INITIAL_QUOTE_PUNCTUATION:
      case Character.FINAL_QUOTE_PUNCTUATION:
      case Character.OTHER_PUNCTUATION:
        return true;
      default:
        return false;
    }
  }

  private static String computeFold(int cp) {
    int lower = cp == 0x130 ? 'i' : Character.toLowerCase(cp); // İ lowercases to "i\u0307"; the mark is stripped
    String decomposed = Normalizer.normalize(new String(Character.toChars(lower)), Normalizer.Form.NFD);
    StringBuilder kept = null;
    for (int i = 0; i < decomposed.length(); ) {
      int c = decomposed.codePointAt(i);
      int n = Character.charCount(c);
      if (Character.getType(c) == Character.NON_SPACING_MARK) {
        if (kept == null) {
          kept = new StringBuilder(decomposed.length()).append(decomposed, 0, i);
        }
      } else if (kept != null) {
        kept.appendCodePoint(c);
      }
      i += n;
    }
    String folded = kept == null ? decomposed : kept.toString();
    return folded;
  }
}
