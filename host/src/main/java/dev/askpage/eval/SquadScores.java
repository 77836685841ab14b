package dev.askpage.eval;

import java.util.List;
import java.util.Optional;

/**
 * The scores of one predictions set on one SQuAD dev set, as the official script reports them (percentages).
 *
 * @param version2 scored with the v2.0 metric (empty prediction means "no answer"; HasAns/NoAns given)
 * @param total questions scored, missing ones included (they score 0)
 * @param exact exact match, percent
 * @param f1 token F1, percent
 * @param hasAns v2.0 only: the answerable questions
 * @param noAns v2.0 only: the unanswerable questions (their EM equals their F1)
 * @param missing ids of questions with no prediction, in data set order
 */
public record SquadScores(
    boolean version2, int total, double exact, double f1, Subset hasAns, Subset noAns, List<String> missing) {

  /** EM and F1 over a subset of the questions. */
  public record Subset(int total, double exact, double f1) {}

  public SquadScores {
    missing = List.copyOf(missing);
  }

  /** The answerable subset (v2.0 with answerable questions only). */
  public Optional<Subset> hasAnsSubset() {
    return Optional.ofNullable(hasAns);
  }

  /** The unanswerable subset (v2.0 with unanswerable questions only). */
  public Optional<Subset> noAnsSubset() {
    return Optional.ofNullable(noAns);
  }
}
