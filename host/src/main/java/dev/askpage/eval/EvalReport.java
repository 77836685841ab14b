package dev.askpage.eval;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.util.Locale;

/**
 * One evaluation's result for people (a short table) and for tools (JSON with the official script's keys).
 *
 * @param dataset the data set file's name
 * @param source what answered: {@code predictions FILE} or {@code model DIR}
 * @param pageMode true when each question was asked of the whole article instead of its paragraph
 * @param seconds wall time of the predictions, or a negative number when they were read from a file
 * @param scores the scores
 */
public record EvalReport(String dataset, String source, boolean pageMode, double seconds, SquadScores scores) {

  /** A plain table with figures to 3 decimals, one line per subset. */
  public String toTable() {
    StringBuilder table = new StringBuilder();
    table.append(String.format(Locale.ROOT, "SQuAD %s  %s  %s%s%n", scores.version2() ? "v2.0" : "v1.1", dataset,
        source, pageMode ? "  (page mode)" : ""));
    table.append(String.format(Locale.ROOT, "%-8s %8s %8s %7s%n", "", "EM", "F1", "total"));
    table.append(row("all", scores.exact(), scores.f1(), scores.total()));
    scores.hasAnsSubset().ifPresent(s -> table.append(row("HasAns", s.exact(), s.f1(), s.total())));
    scores.noAnsSubset().ifPresent(s -> table.append(row("NoAns", s.exact(), s.f1(), s.total())));
    if (!scores.missing().isEmpty()) {
      table.append(String.format(Locale.ROOT, "missing predictions: %d (scored 0)%n", scores.missing().size()));
    }
    if (seconds >= 0) {
      table.append(String.format(Locale.ROOT, "time: %.1f s, %.2f questions/s%n", seconds,
          seconds > 0 ? scores.total() / seconds : 0.0));
    }
    return table.toString();
  }

  private static String row(String name, double exact, double f1, int total) {
    return String.format(Locale.ROOT, "%-8s %8.3f %8.3f %7d%n", name, exact, f1, total);
  }

  /**
   * The JSON form: v1.1 as {@code exact_match, f1}, v2.0 as {@code exact, f1, total, HasAns_*, NoAns_*} (the official
   * scripts' keys, full precision), plus {@code total}, {@code missing}, {@code dataset}, {@code source},
   * {@code page_mode} and, for model runs, {@code seconds}.
   */
  public String toJson() {
    JsonObject json = new JsonObject();
    if (scores.version2()) {
      json.addProperty("exact", scores.exact());
      json.addProperty("f1", scores.f1());
      json.addProperty("total", scores.total());
      scores.hasAnsSubset().ifPresent(s -> addSubset(json, "HasAns", s));
      scores.noAnsSubset().ifPresent(s -> addSubset(json, "NoAns", s));
    } else {
      json.addProperty("exact_match", scores.exact());
      json.addProperty("f1", scores.f1());
      json.addProperty("total", scores.total());
    }
    json.addProperty("missing", scores.missing().size());
    json.addProperty("squad_version", scores.version2() ? "2.0" : "1.1");
    json.addProperty("dataset", dataset);
    json.addProperty("source", source);
    json.addProperty("page_mode", pageMode);
    if (seconds >= 0) {
      json.addProperty("seconds", seconds);
    }
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(json);
  }

  private static void addSubset(JsonObject json, String prefix, SquadScores.Subset subset) {
    json.addProperty(prefix + "_exact", subset.exact());
    json.addProperty(prefix + "_f1", subset.f1());
    json.addProperty(prefix + "_total", subset.total());
  }
}
