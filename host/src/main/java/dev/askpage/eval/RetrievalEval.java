package dev.askpage.eval;

import dev.askpage.engine.EngineSettings;
import dev.askpage.engine.PreparedPage;
import dev.askpage.engine.QaEngine;
import dev.askpage.passage.Passage;
import dev.askpage.tokenizer.WordPieceTokenizer;
import dev.askpage.window.Window;
import dev.askpage.window.WindowPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Page-level retrieval quality: for each answerable question, asked of its whole article, does a gold answer lie
 * inside one of the windows the engine would read? Needs no model: it runs the real retriever and window planner.
 */
public final class RetrievalEval {
  private final QaEngine engine;

  public RetrievalEval(WordPieceTokenizer tokenizer, EngineSettings settings) {
    this.engine = QaEngine.tokenizedWithoutModel(tokenizer, settings);
  }

  /** Fraction of answerable questions whose gold answer is read, per budget (in the order given). */
  public Map<Integer, Double> recall(SquadDataset squad, List<Integer> budgets, ProgressBar progress) {
    long[] hits = new long[budgets.size()];
    long total = 0;
    for (SquadDataset.Article article : squad.articles()) {
      String page = article.text();
      PreparedPage prepared = engine.prepare(page);
      int offset = 0;
      for (SquadDataset.Paragraph paragraph : article.paragraphs()) {
        for (SquadDataset.Question q : paragraph.questions()) {
          if (q.answers().isEmpty()) {
            continue;
          }
          total++;
          List<int[]> gold = goldSpans(page, paragraph, q, offset);
          for (int b = 0; b < budgets.size(); b++) {
            WindowPlan plan = engine.planWindows(prepared, q.question(), budgets.get(b));
            if (covers(plan, prepared, gold)) {
              hits[b]++;
            }
          }
          if (progress != null) {
            progress.step();
          }
        }
        offset += paragraph.context().length() + 2;
      }
    }
    Map<Integer, Double> out = new LinkedHashMap<>();
    for (int b = 0; b < budgets.size(); b++) {
      out.put(budgets.get(b), total == 0 ? 0 : (double) hits[b] / total);
    }
    return out;
  }

  /** Gold answers as page spans (answer_start is relative to the paragraph; the page joins paragraphs). */
  private static List<int[]> goldSpans(String page, SquadDataset.Paragraph paragraph, SquadDataset.Question q,
      int offset) {
    List<int[]> spans = new ArrayList<>();
    for (SquadDataset.Answer a : q.answers()) {
      int start = offset + a.start();
      if (a.start() < 0 || !page.startsWith(a.text(), start)) {
        int found = paragraph.context().indexOf(a.text());
        if (found < 0) {
          continue;
        }
        start = offset + found;
      }
      spans.add(new int[] {start, start + a.text().length()});
    }
    return spans;
  }

  /** Whether one window holds all tokens of some gold span, within one passage. */
  static boolean covers(WindowPlan plan, PreparedPage page, List<int[]> gold) {
    for (Window w : plan.windows()) {
      int[] tokens = w.pageTokens();
      int runStart = 0;
      for (int i = 1; i <= tokens.length; i++) {
        boolean breaks = i == tokens.length || tokens[i] != tokens[i - 1] + 1 || w.segments()[i] != w.segments()[i - 1];
        if (!breaks) {
          continue;
        }
        int from = page.tokenStart(tokens[runStart]);
        int to = page.tokenEnd(tokens[i - 1]);
        Passage p = page.passages().get(w.segments()[runStart]);
        boolean wholePassage = tokens[runStart] == p.tokenFrom() && tokens[i - 1] == p.tokenTo() - 1;
        if (wholePassage) {
          from = p.charStart();
          to = p.charEnd();
        }
        for (int[] g : gold) {
          if (g[0] >= from && g[1] <= to) {
            return true;
          }
        }
        runStart = i;
      }
    }
    return false;
  }
}
