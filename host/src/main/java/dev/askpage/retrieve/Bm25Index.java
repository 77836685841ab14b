package dev.askpage.retrieve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Okapi BM25 over a page's units (passages or sentences), with a bonus for question bigrams found in a unit.
 *
 * <p>Built once per page and kept in the page cache; scoring a question touches only the postings of its terms, so it
 * costs microseconds however long the page is.
 */
public final class Bm25Index {
  private static final double K1 = 1.2;
  private static final double B = 0.75;
  /** Weight of a question bigram found in the unit, relative to the idf of its rarer word. */
  private static final double BIGRAM_WEIGHT = 0.5;

  private final Map<String, int[]> postings; // term -> [unit, tf, unit, tf, ...]
  private final Map<String, int[]> bigramPostings; // "a b" -> [unit, unit, ...]
  private final int[] unitLengths;
  private final double averageLength;

  private Bm25Index(Map<String, int[]> postings, Map<String, int[]> bigramPostings, int[] unitLengths) {
    this.postings = postings;
    this.bigramPostings = bigramPostings;
    this.unitLengths = unitLengths;
    this.averageLength = Math.max(1.0, Arrays.stream(unitLengths).average().orElse(1.0));
  }

  /** Indexes the given [start, end) ranges of text. */
  public static Bm25Index build(String text, List<int[]> ranges) {
    Map<String, List<int[]>> building = new HashMap<>();
    Map<String, Set<Integer>> bigrams = new HashMap<>();
    int[] lengths = new int[ranges.size()];
    for (int unit = 0; unit < ranges.size(); unit++) {
      int[] r = ranges.get(unit);
      List<String> terms = Terms.of(text, r[0], r[1]);
      lengths[unit] = terms.size();
      Map<String, Integer> tf = new HashMap<>();
      for (String t : terms) {
        tf.merge(t, 1, Integer::sum);
      }
      for (Map.Entry<String, Integer> e : tf.entrySet()) {
        building.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(new int[] {unit, e.getValue()});
      }
      for (int i = 1; i < terms.size(); i++) {
        bigrams.computeIfAbsent(terms.get(i - 1) + " " + terms.get(i), k -> new HashSet<>()).add(unit);
      }
    }
    Map<String, int[]> postings = new HashMap<>(building.size() * 2);
    building.forEach((term, list) -> {
      int[] flat = new int[list.size() * 2];
      for (int i = 0; i < list.size(); i++) {
        flat[2 * i] = list.get(i)[0];
        flat[2 * i + 1] = list.get(i)[1];
      }
      postings.put(term, flat);
    });
    Map<String, int[]> bigramPostings = new HashMap<>(bigrams.size() * 2);
    bigrams.forEach((bigram, units) -> bigramPostings.put(bigram, units.stream().mapToInt(Integer::intValue).toArray()));
    return new Bm25Index(postings, bigramPostings, lengths);
  }

  /** Number of indexed units. */
  public int size() {
    return unitLengths.length;
  }

  /** BM25 score of every unit for the question (0 where no term matches). */
  public double[] score(String question) {
    double[] scores = new double[unitLengths.length];
    List<String> terms = Terms.of(question);
    Set<String> distinct = new HashSet<>(terms);
    for (String term : distinct) {
      int[] p = postings.get(term);
      if (p == null) {
        continue;
      }
      double idf = idf(p.length / 2);
      for (int i = 0; i < p.length; i += 2) {
        int unit = p[i];
        double tf = p[i + 1];
        double norm = K1 * (1 - B + B * unitLengths[unit] / averageLength);
        scores[unit] += idf * tf * (K1 + 1) / (tf + norm);
      }
    }
    for (int i = 1; i < terms.size(); i++) {
      int[] units = bigramPostings.get(terms.get(i - 1) + " " + terms.get(i));
      if (units == null) {
        continue;
      }
      double weight = BIGRAM_WEIGHT * Math.min(idfOf(terms.get(i - 1)), idfOf(terms.get(i)));
      for (int unit : units) {
        scores[unit] += weight;
      }
    }
    return scores;
  }

  /** Unit indices by descending score; ties keep page order. */
  public int[] rank(String question) {
    double[] scores = score(question);
    return rankByScore(scores);
  }

  /** Indices by descending score; ties keep index order. */
  public static int[] rankByScore(double[] scores) {
    Integer[] order = new Integer[scores.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> {
      int byScore = Double.compare(scores[b], scores[a]);
      return byScore != 0 ? byScore : Integer.compare(a, b);
    });
    return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
  }

  private double idfOf(String term) {
    int[] p = postings.get(term);
    return p == null ? 0 : idf(p.length / 2);
  }

  private double idf(int documentFrequency) {
    double n = unitLengths.length;
    return Math.log(1 + (n - documentFrequency + 0.5) / (documentFrequency + 0.5));
  }
}
