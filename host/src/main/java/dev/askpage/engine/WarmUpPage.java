package dev.askpage.engine;

import dev.askpage.tokenizer.Vocabulary;
import java.util.ArrayList;
import java.util.List;

/**
 * A made-up page and question for the engine's warm-up: whole words of the model's own vocabulary in a fixed order, so
 * that nothing of the user's is ever read for it, and long enough that a question reads the default window budget.
 */
record WarmUpPage(String text, String question) {
  /** Words per sentence; the question repeats the opening words of one sentence, so retrieval has a clear best. */
  private static final int SENTENCE_WORDS = 12;

  /** About 2,400 words, a token or more each: past the default budget of 4 windows of 384 tokens. */
  private static final int SENTENCES = 200;

  static WarmUpPage of(Vocabulary vocabulary) {
    List<String> words = plainWords(vocabulary);
    if (words.isEmpty()) {
      words = List.of("page"); // a vocabulary of pieces only: the words become [UNK], which the model reads as well
    }
    StringBuilder text = new StringBuilder(SENTENCES * SENTENCE_WORDS * 8);
    String question = null;
    for (int s = 0; s < SENTENCES; s++) {
      StringBuilder sentence = new StringBuilder();
      for (int w = 0; w < SENTENCE_WORDS; w++) {
        // A stride through the list mixes frequent and rare words, as prose does.
        String word = words.get((s * SENTENCE_WORDS + w) * 7 % words.size());
        sentence.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
        sentence.append(w == SENTENCE_WORDS - 1 ? ". " : " ");
      }
      if (s == SENTENCES / 2) {
        question = "What " + String.join(" ", List.of(sentence.toString().toLowerCase().split(" ")).subList(0, 4))
            + "?";
      }
      text.append(sentence);
      if (s % 10 == 9) {
        text.append('\n');
      }
    }
    return new WarmUpPage(text.toString(), question);
  }

  /** The vocabulary's whole words of three or more lower-case letters, in id order. */
  private static List<String> plainWords(Vocabulary vocabulary) {
    List<String> words = new ArrayList<>();
    for (int id = 0; id < vocabulary.size(); id++) {
      String token = vocabulary.token(id);
      if (token.length() >= 3 && token.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
        words.add(token);
      }
    }
    return words;
  }
}
