package dev.askpage.eval;

import dev.askpage.eval.SquadDataset.Article;
import dev.askpage.eval.SquadDataset.Paragraph;
import dev.askpage.eval.SquadDataset.Question;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The official SQuAD metrics (evaluate-v1.1.py and evaluate-v2.0.py), answer normalisation, exact match and token F1.
 *
 * <p>Questions with no prediction score 0 and count in the total. That is what the v1.1 script does ("Unanswered
 * question ... will receive score 0."); the v2.0 script prints "Missing prediction" and then fails (KeyError) when it
 * builds the HasAns/NoAns figures, so it has no figure for that case; we count them as 0 there too.
 */
public final class SquadMetrics {
  /** Python's {@code string.punctuation}. */
  private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

  private static final String[] ARTICLES = {"a", "an", "the"};

  private SquadMetrics() {}

  /** Scores predictions (question id → answer text) with the metric the data set's version calls for. */
  public static SquadScores evaluate(SquadDataset dataset, Map<String, String> predictions) {
    return dataset.isVersion2() ? evaluateV2(dataset, predictions) : evaluateV1(dataset, predictions);
  }

  /** evaluate-v1.1.py: EM and F1 as the maximum over the gold answers; F1 of two empty answers is 0. */
  public static SquadScores evaluateV1(SquadDataset dataset, Map<String, String> predictions) {
    double exact = 0;
    double f1 = 0;
    int total = 0;
    List<String> missing = new ArrayList<>();
    for (Question qa : dataset.questions()) {
      total++;
      String prediction = predictions.get(qa.id());
      if (prediction == null) {
        missing.add(qa.id());
        continue;
      }
      double bestExact = 0;
      double bestF1 = 0;
      for (String gold : qa.answerTexts()) {
        bestExact = Math.max(bestExact, exactMatch(prediction, gold) ? 1 : 0);
        bestF1 = Math.max(bestF1, f1V1(prediction, gold));
      }
      exact += bestExact;
      f1 += bestF1;
    }
    return new SquadScores(false, total, percent(exact, total), percent(f1, total), null, null, missing);
  }

  /**
   * evaluate-v2.0.py (no no-answer probabilities): gold answers that normalise to nothing are dropped, an unanswerable
   * question's only gold answer is "", and an empty answer scores EM = F1 = 1 against "" and 0 against anything else.
   */
  public static SquadScores evaluateV2(SquadDataset dataset, Map<String, String> predictions) {
    double exactAll = 0;
    double f1All = 0;
    double exactHas = 0;
    double f1Has = 0;
    double exactNo = 0;
    double f1No = 0;
    int total = 0;
    int hasTotal = 0;
    int noTotal = 0;
    List<String> missing = new ArrayList<>();
    for (Article article : dataset.articles()) {
      for (Paragraph paragraph : article.paragraphs()) {
        for (Question qa : paragraph.questions()) {
          boolean hasAnswer = !qa.answers().isEmpty();
          total++;
          if (hasAnswer) {
            hasTotal++;
          } else {
            noTotal++;
          }
          String prediction = predictions.get(qa.id());
          if (prediction == null) {
            missing.add(qa.id());
            continue;
          }
          List<String> golds = new ArrayList<>();
          for (String gold : qa.answerTexts()) {
            if (!normalize(gold).isEmpty()) {
              golds.add(gold);
            }
          }
          if (golds.isEmpty()) {
            golds.add("");
          }
          double exact = 0;
          double f1 = 0;
          for (String gold : golds) {
            exact = Math.max(exact, exactMatch(prediction, gold) ? 1 : 0);
            f1 = Math.max(f1, f1V2(prediction, gold));
          }
          exactAll += exact;
          f1All += f1;
          if (hasAnswer) {
            exactHas += exact;
            f1Has += f1;
          } else {
            exactNo += exact;
            f1No += f1;
          }
        }
      }
    }
    SquadScores.Subset has = hasTotal == 0
        ? null : new SquadScores.Subset(hasTotal, percent(exactHas, hasTotal), percent(f1Has, hasTotal));
    SquadScores.Subset no = noTotal == 0
        ? null : new SquadScores.Subset(noTotal, percent(exactNo, noTotal), percent(f1No, noTotal));
    return new SquadScores(true, total, percent(exactAll, total), percent(f1All, total), has, no, missing);
  }

  private static double percent(double sum, int total) {
    return total == 0 ? 0 : 100.0 * sum / total;
  }

  /** True when both answers normalise to the same string. */
  public static boolean exactMatch(String prediction, String gold) {
    return normalize(prediction).equals(normalize(gold));
  }

  /** v1.1 token F1: 0 when no token is shared, which includes two empty answers. */
  public static double f1V1(String prediction, String gold) {
    return tokenF1(tokens(prediction), tokens(gold), false);
  }

  /** v2.0 token F1: when either answer has no tokens, 1 if both have none, else 0. */
  public static double f1V2(String prediction, String gold) {
    return tokenF1(tokens(prediction), tokens(gold), true);
  }

  private static double tokenF1(List<String> predicted, List<String> gold, boolean emptyMeansNoAnswer) {
    if (emptyMeansNoAnswer && (predicted.isEmpty() || gold.isEmpty())) {
      return predicted.isEmpty() && gold.isEmpty() ? 1 : 0;
    }
    Map<String, Integer> goldCounts = new HashMap<>();
    for (String token : gold) {
      goldCounts.merge(token, 1, Integer::sum);
    }
    int same = 0;
    for (String token : predicted) {
      Integer left = goldCounts.get(token);
      if (left != null && left > 0) {
        same++;
        goldCounts.put(token, left - 1);
      }
    }
    if (same == 0) {
      return 0;
    }
    double precision = 1.0 * same / predicted.size();
    double recall = 1.0 * same / gold.size();
    return (2 * precision * recall) / (precision + recall);
  }

  /** The normalised answer split on whitespace. */
  public static List<String> tokens(String text) {
    return splitWhitespace(normalize(text));
  }

  /**
   * The official normalisation: lower case, drop ASCII punctuation, replace the whole words a/an/the by a space, then
   * collapse whitespace (Python's {@code str.split()} whitespace) to single spaces with none at either end.
   */
  public static String normalize(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    StringBuilder noPunctuation = new StringBuilder(lower.length());
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (PUNCTUATION.indexOf(c) < 0) {
        noPunctuation.append(c);
      }
    }
    return String.join(" ", splitWhitespace(removeArticles(noPunctuation.toString())));
  }

  /** Python's {@code re.sub(r'\b(a|an|the)\b', ' ', text)} on a str pattern (Unicode word characters). */
  static String removeArticles(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      int matched = articleAt(text, i);
      if (matched > 0) {
        out.append(' ');
        i += matched;
      } else {
        out.append(text.charAt(i));
        i++;
      }
    }
    return out.toString();
  }

  private static int articleAt(String text, int i) {
    if (i > 0 && isWordChar(text.codePointBefore(i))) {
      return 0;
    }
    for (String article : ARTICLES) {
      int end = i + article.length();
      if (text.startsWith(article, i) && (end == text.length() || !isWordChar(text.codePointAt(end)))) {
        return article.length();
      }
    }
    return 0;
  }

  /** Python's {@code \w} for str patterns: letters, numbers (Nd, Nl, No) and the underscore. */
  static boolean isWordChar(int codePoint) {
    if (codePoint == '_' || Character.isLetter(codePoint)) {
      return true;
    }
    int type = Character.getType(codePoint);
    return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
        || type == Character.OTHER_NUMBER;
  }

  /** Python's {@code str.split()}: runs of {@code str.isspace()} characters separate tokens; no empty tokens. */
  static List<String> splitWhitespace(String text) {
    List<String> tokens = new ArrayList<>();
    int start = -1;
    for (int i = 0; i < text.length(); i++) {
      if (isPythonSpace(text.charAt(i))) {
        if (start >= 0) {
          tokens.add(text.substring(start, i));
          start = -1;
        }
      } else if (start < 0) {
        start = i;
      }
    }
    if (start >= 0) {
      tokens.add(text.substring(start));
    }
    return tokens;
  }

  /** Python's {@code str.isspace()} (all such characters are in the BMP). */
  static boolean isPythonSpace(char c) {
    return (c >= '\t' && c <= '\r') || (c >= '\u001c' && c <= ' ') || c == '\u0085' || c == '\u00a0'
        || c == '\u1680' || (c >= '\u2000' && c <= '\u200a') || c == '\u2028' || c == '\u2029' || c == '\u202f'
        || c == '\u205f' || c == '\u3000';
  }
}
