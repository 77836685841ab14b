package dev.askpage.eval;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Two models on the same questions (e.g. fp32 and its int8 variant): both scores, and the questions where their answers
 * differ, with which of the two matched a gold answer exactly.
 *
 * @param first the {@code --model} run
 * @param second the {@code --compare} run
 * @param disagreements every question answered differently, in data set order
 */
public record EvalComparison(EvalReport first, EvalReport second, List<Disagreement> disagreements) {
  /** How many disagreements the table lists (the JSON lists all). */
  static final int LISTED = 10;

  /**
   * One question the two models answered differently.
   *
   * @param firstExact whether the first model's answer matches a gold answer exactly
   * @param secondExact whether the second model's does
   */
  public record Disagreement(String id, String question, String firstAnswer, String secondAnswer, boolean firstExact,
      boolean secondExact) {}

  public EvalComparison {
    disagreements = List.copyOf(disagreements);
  }

  /** Compares two prediction maps on the data set. */
  static EvalComparison of(SquadDataset dataset, EvalReport first, Map<String, String> a, EvalReport second,
      Map<String, String> b) {
    List<Disagreement> differ = new ArrayList<>();
    for (SquadDataset.Question q : dataset.questions()) {
      String x = a.getOrDefault(q.id(), "");
      String y = b.getOrDefault(q.id(), "");
      if (!SquadMetrics.normalize(x).equals(SquadMetrics.normalize(y))) {
        differ.add(new Disagreement(q.id(), q.question(), x, y, exact(q, x), exact(q, y)));
      }
    }
    return new EvalComparison(first, second, differ);
  }

  private static boolean exact(SquadDataset.Question q, String prediction) {
    if (q.answers().isEmpty()) {
      return prediction.isEmpty();
    }
    return q.answers().stream().anyMatch(g -> SquadMetrics.exactMatch(prediction, g.text()));
  }

  long onlyFirstExact() {
    return disagreements.stream().filter(d -> d.firstExact() && !d.secondExact()).count();
  }

  long onlySecondExact() {
    return disagreements.stream().filter(d -> d.secondExact() && !d.firstExact()).count();
  }

  /** Both tables, the count of disagreements and the first few of them. */
  public String toTable() {
    StringBuilder t = new StringBuilder(first.toTable()).append('\n').append(second.toTable()).append('\n');
    t.append(String.format(Locale.ROOT, "EM difference (--compare minus --model): %+.3f, F1 difference: %+.3f%n",
        second.scores().exact() - first.scores().exact(), second.scores().f1() - first.scores().f1()));
    t.append(String.format(Locale.ROOT, "answers differ on %d of %d questions: only --model exact %d, only --compare "
        + "exact %d%n", disagreements.size(), first.scores().total(), onlyFirstExact(), onlySecondExact()));
    for (Disagreement d : disagreements.subList(0, Math.min(LISTED, disagreements.size()))) {
      t.append(String.format(Locale.ROOT, "  %s  %s%n    --model:   %s%s%n    --compare: %s%s%n", d.id(), d.question(),
          quoted(d.firstAnswer()), d.firstExact() ? "  (exact)" : "", quoted(d.secondAnswer()),
          d.secondExact() ? "  (exact)" : ""));
    }
    if (disagreements.size() > LISTED) {
      t.append("  ... ").append(disagreements.size() - LISTED).append(" more (--json lists all)\n");
    }
    return t.toString();
  }

  /** {@code {"model": {...}, "compare": {...}, "disagree": N, ..., "disagreements": [...]}}. */
  public String toJson() {
    JsonObject json = new JsonObject();
    json.add("model", JsonParser.parseString(first.toJson()));
    json.add("compare", JsonParser.parseString(second.toJson()));
    json.addProperty("disagree", disagreements.size());
    json.addProperty("only_model_exact", onlyFirstExact());
    json.addProperty("only_compare_exact", onlySecondExact());
    JsonArray list = new JsonArray();
    for (Disagreement d : disagreements) {
      JsonObject o = new JsonObject();
      o.addProperty("id", d.id());
      o.addProperty("question", d.question());
      o.addProperty("model", d.firstAnswer());
      o.addProperty("compare", d.secondAnswer());
      o.addProperty("model_exact", d.firstExact());
      o.addProperty("compare_exact", d.secondExact());
      list.add(o);
    }
    json.add("disagreements", list);
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(json);
  }

  private static String quoted(String answer) {
    return answer.isEmpty() ? "(no answer)" : "\"" + answer + "\"";
  }
}
