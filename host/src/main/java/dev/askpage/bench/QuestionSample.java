package dev.askpage.bench;

import dev.askpage.eval.SquadDataset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A seeded sample of SQuAD questions, each asked of its whole article: articles in random order, a few questions per
 * article in a row, so the first question on an article misses the host's page cache and the others hit it. One article
 * is kept aside for warming a host up.
 *
 * @param warmupFirst a warm-up question on the article kept aside, never timed (a cache miss)
 * @param warmupSecond another warm-up question on that article (a cache hit)
 * @param asks the timed questions, grouped by article
 */
record QuestionSample(Ask warmupFirst, Ask warmupSecond, List<Ask> asks) {
  /** One question on one page. */
  record Ask(String title, String page, String question) {}

  /** Questions asked per article: one cache miss, then cache hits. */
  static final int PER_ARTICLE = 4;

  QuestionSample {
    asks = List.copyOf(asks);
  }

  /** {@code count} questions (rounded up to whole articles), drawn with {@code seed}. */
  static QuestionSample draw(SquadDataset squad, int count, long seed) {
    Random random = new Random(seed);
    List<SquadDataset.Article> articles = new ArrayList<>(squad.articles());
    Collections.shuffle(articles, random);
    SquadDataset.Article warm = articles.remove(articles.size() - 1);
    List<String> warmQuestions = questions(warm);
    String warmPage = warm.text();
    List<Ask> asks = new ArrayList<>();
    for (int i = 0; asks.size() < count; i++) {
      SquadDataset.Article article = articles.get(i % articles.size());
      String page = article.text();
      List<String> questions = questions(article);
      Collections.shuffle(questions, random);
      for (int q = 0; q < PER_ARTICLE && q < questions.size() && asks.size() < count; q++) {
        asks.add(new Ask(article.title(), page, questions.get(q)));
      }
    }
    return new QuestionSample(new Ask(warm.title(), warmPage, warmQuestions.get(0)),
        new Ask(warm.title(), warmPage, warmQuestions.get(1)), asks);
  }

  /** The first {@code n} asks (whole groups stay together when {@code n} is a multiple of PER_ARTICLE). */
  List<Ask> first(int n) {
    return asks.subList(0, Math.min(n, asks.size()));
  }

  private static List<String> questions(SquadDataset.Article article) {
    List<String> out = new ArrayList<>();
    for (SquadDataset.Paragraph p : article.paragraphs()) {
      for (SquadDataset.Question q : p.questions()) {
        out.add(q.question());
      }
    }
    return out;
  }
}
