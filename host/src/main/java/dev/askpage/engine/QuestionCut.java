package dev.askpage.engine;

import dev.askpage.tokenizer.Encoding;
import dev.askpage.tokenizer.WordPieceTokenizer;
import java.util.Arrays;

/**
 * The part of a question the engine reads: its first {@code maxQuestionTokens} tokens for a model, as many words in
 * lexical mode (where words stand in for tokens). Retrieval reads the same part as the model, so a question may be as
 * long as a page (up to {@code maxTextChars}) and still cost no more than its first tokens.
 *
 * @param text the part of the question read
 * @param ids the token ids of {@code text}; null in lexical mode
 */
record QuestionCut(String text, int[] ids) {
  /** The first prefix tokenised; each next one is four times longer, so a long question is tokenised about once. */
  private static final int FIRST_PREFIX_CHARS = 1024;

  /**
   * The question's first {@code maxTokens} tokens. Only a prefix that ends before a space is tokenised (a space ends
   * every word, so the tokens before it are those of the whole question), grown until it holds enough tokens.
   */
  static QuestionCut ofTokens(WordPieceTokenizer tokenizer, String question, int maxTokens) {
    for (long limit = FIRST_PREFIX_CHARS; ; limit *= 4) {
      boolean whole = limit >= question.length();
      int to = whole ? question.length() : spaceAtOrBefore(question, (int) limit);
      if (to == 0 && !whole) {
        continue; // no space yet: a longer prefix
      }
      Encoding e = tokenizer.encode(question, 0, to);
      if (e.size() >= maxTokens || whole) {
        int n = Math.min(e.size(), maxTokens);
        return new QuestionCut(question.substring(0, n == 0 ? 0 : e.end(n - 1)), Arrays.copyOf(e.ids(), n));
      }
    }
  }

  /**
   * The question before its word number {@code maxWords + 1}; words are runs of letters and digits, as retrieval reads
   * them ({@code Terms}), stop words included.
   */
  static QuestionCut ofWords(String question, int maxWords) {
    int words = 0;
    boolean inWord = false;
    for (int i = 0; i < question.length(); i++) {
      boolean letter = Character.isLetterOrDigit(question.charAt(i));
      if (letter && !inWord && words++ == maxWords) {
        return new QuestionCut(question.substring(0, i), null);
      }
      inWord = letter;
    }
    return new QuestionCut(question, null);
  }

  /** The last index at or before {@code limit} of an ASCII space, tab or line break; 0 when there is none. */
  private static int spaceAtOrBefore(String question, int limit) {
    for (int i = limit; i > 0; i--) {
      char c = question.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        return i;
      }
    }
    return 0;
  }
}
