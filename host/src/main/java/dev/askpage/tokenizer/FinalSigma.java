package dev.askpage.tokenizer;

/**
 * Python's {@code str.lower()} rule for capital sigma, which BERT's BasicTokenizer applies to each whitespace-separated
 * word: {@code Σ} becomes final {@code ς} when a cased letter precedes it (case-ignorable chars such as accents and
 * apostrophes skipped) and no cased letter follows (same skipping), else {@code σ}. So {@code ΟΔΟΣ} is {@code οδος},
 * tokenised {@code ο ##δ ##ος}.
 */
final class FinalSigma {
  static final int CAPITAL_SIGMA = 0x3A3;
  static final String FINAL = "\u03C2";
  static final String MEDIAL = "\u03C3";

  private FinalSigma() {}

  /**
   * The lowercase of the capital sigma at {@code text[at]}, looking no further than {@code [from, to)}. White space
   * ends the look (it ends the word), and chars the tokenizer drops (controls) are skipped as BERT removes them first.
   */
  static String lower(CharSequence text, int from, int at, int to) {
    return casedBefore(text, from, at) && !casedAfter(text, at + 1, to) ? FINAL : MEDIAL;
  }

  private static boolean casedBefore(CharSequence text, int from, int at) {
    int i = at;
    while (i > from) {
      char c = text.charAt(i - 1);
      int cp = c;
      if (Character.isLowSurrogate(c) && i - 2 >= from && Character.isHighSurrogate(text.charAt(i - 2))) {
        cp = Character.toCodePoint(text.charAt(i - 2), c);
      }
      i -= Character.charCount(cp);
      if (!skipped(cp)) {
        return isCased(cp);
      }
    }
    return false;
  }

  private static boolean casedAfter(CharSequence text, int from, int to) {
    int i = from;
    while (i < to) {
      int cp = Character.codePointAt(text, i);
      if (Character.charCount(cp) == 2 && i + 1 >= to) {
        cp = text.charAt(i); // a pair cut by the range end is a lone surrogate here, as the tokenizer sees it
      }
      i += Character.charCount(cp);
      if (!skipped(cp)) {
        return isCased(cp);
      }
    }
    return false;
  }

  private static boolean skipped(int cp) {
    return CharClass.kind(cp) == CharClass.DROP || isCaseIgnorable(cp);
  }

  /** Unicode's Cased: Lowercase, Uppercase or titlecase (Java's isLowerCase/isUpperCase include Other_*). */
  static boolean isCased(int cp) {
    return Character.isLowerCase(cp) || Character.isUpperCase(cp) || Character.isTitleCase(cp);
  }

  /**
   * Unicode's Case_Ignorable: general category Mn, Me, Cf, Lm or Sk, or Word_Break MidLetter, MidNumLet or
   * Single_Quote (the short list below, from Unicode 13's WordBreakProperty.txt).
   */
  static boolean isCaseIgnorable(int cp) {
    switch (Character.getType(cp)) {
      case Character.NON_SPACING_MARK:
      case Character.ENCLOSING_MARK:
      case Character.FORMAT:
      case Character.MODIFIER_LETTER:
      case Character.MODIFIER_SYMBOL:
        return true;
      default:
        break;
    }
    switch (cp) {
      case '\'': // Single_Quote
      case '.': case 0x2018: case 0x2019: case 0x2024: case 0xFE52: case 0xFF07: case 0xFF0E: // MidNumLet
      case ':': case 0x00B7: case 0x0387: case 0x055F: case 0x05F4: case 0x2027: case 0xFE13: case 0xFE55:
      case 0xFF1A: // MidLetter
        return true;
      default:
        return false;
    }
  }
}
