package dev.askpage.retrieve;

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
 * costs microseconds however long the page is. The index is a handful of flat arrays (sorted terms, postings in
 * compressed-row form, bigrams as sorted {@code long} keys), a few bytes per page character: a map of boxed postings
 * per term and a set per bigram cost over 100 bytes per distinct bigram and ran a 5 M-character page out of heap.
 */
public final class Bm25Index {
  private static final double K1 = 1.2;
  private static final double B = 0.75;
  /** Weight of a question bigram found in the unit, relative to the idf of its rarer word. */
  private static final double BIGRAM_WEIGHT = 0.5;

  private final String[] terms; // sorted; a term's id is its position
  private final int[] termPostings; // term id -> first posting; length terms + 1
  private final int[] postingUnits; // units holding the term, ascending
  private final int[] postingCounts; // how often the term occurs in that unit
  private final long[] bigrams; // sorted (first term id << 32 | second term id)
  private final int[] bigramPostings; // bigram -> first unit; length bigrams + 1
  private final int[] bigramUnits; // units holding the bigram, ascending
  private final int[] unitLengths;
  private final double averageLength;
  private final long heapBytes;

  private Bm25Index(String[] terms, int[] termPostings, int[] postingUnits, int[] postingCounts, long[] bigrams,
      int[] bigramPostings, int[] bigramUnits, int[] unitLengths) {
    this.terms = terms;
    this.termPostings = termPostings;
    this.postingUnits = postingUnits;
    this.postingCounts = postingCounts;
    this.bigrams = bigrams;
    this.bigramPostings = bigramPostings;
    this.bigramUnits = bigramUnits;
    this.unitLengths = unitLengths;
    this.averageLength = Math.max(1.0, Arrays.stream(unitLengths).average().orElse(1.0));
    this.heapBytes = measure();
  }

  /** Indexes the given [start, end) ranges of text. */
  public static Bm25Index build(String text, List<int[]> ranges) {
    int units = ranges.size();
    // Term ids in first-seen order, each unit's terms as ids in page order.
    Map<String, Integer> ids = new HashMap<>();
    IntList occurrences = new IntList();
    int[] unitStarts = new int[units + 1];
    for (int unit = 0; unit < units; unit++) {
      int[] r = ranges.get(unit);
      for (String term : Terms.of(text, r[0], r[1])) {
        Integer id = ids.get(term);
        if (id == null) {
          id = ids.size();
          ids.put(term, id);
        }
        occurrences.add(id);
      }
      unitStarts[unit + 1] = occurrences.size();
    }
    // Renumber terms in sorted order, so that a question's term is found by binary search.
    String[] sorted = ids.keySet().toArray(new String[0]);
    Arrays.sort(sorted);
    int[] renumber = new int[sorted.length];
    for (int i = 0; i < sorted.length; i++) {
      renumber[ids.get(sorted[i])] = i;
    }
    ids = null;
    int[] occ = occurrences.toArray();
    occurrences = null;
    int[] unitLengths = new int[units];
    for (int i = 0; i < occ.length; i++) {
      occ[i] = renumber[occ[i]];
    }
    for (int unit = 0; unit < units; unit++) {
      unitLengths[unit] = unitStarts[unit + 1] - unitStarts[unit];
    }
    long[] bigramKeys = bigramKeysPerUnit(occ, unitStarts);
    int[] bigramStarts = new int[units + 1];
    long[] distinctBigrams = uniqueSegments(bigramKeys, unitStarts, bigramStarts);

    // Postings: each unit's term ids sorted, counted run by run, laid out by term.
    int[] sortedOcc = occ.clone();
    occ = null;
    for (int unit = 0; unit < units; unit++) {
      Arrays.sort(sortedOcc, unitStarts[unit], unitStarts[unit + 1]);
    }
    int[] termPostings = new int[sorted.length + 1];
    forEachRun(sortedOcc, unitStarts, (unit, term, count) -> termPostings[term + 1]++);
    prefixSum(termPostings);
    int[] postingUnits = new int[termPostings[sorted.length]];
    int[] postingCounts = new int[postingUnits.length];
    int[] next = Arrays.copyOf(termPostings, sorted.length);
    forEachRun(sortedOcc, unitStarts, (unit, term, count) -> {
      int at = next[term]++;
      postingUnits[at] = unit;
      postingCounts[at] = count;
    });

    // Bigrams: the distinct keys of all units, each with the units holding it.
    long[] allBigrams = distinctBigrams.clone();
    Arrays.sort(allBigrams);
    allBigrams = unique(allBigrams, allBigrams.length);
    int[] bigramPostings = new int[allBigrams.length + 1];
    for (int unit = 0; unit < units; unit++) {
      for (int i = bigramStarts[unit]; i < bigramStarts[unit + 1]; i++) {
        bigramPostings[Arrays.binarySearch(allBigrams, distinctBigrams[i]) + 1]++;
      }
    }
    prefixSum(bigramPostings);
    int[] bigramUnits = new int[bigramPostings[allBigrams.length]];
    int[] nextBigram = Arrays.copyOf(bigramPostings, allBigrams.length);
    for (int unit = 0; unit < units; unit++) {
      for (int i = bigramStarts[unit]; i < bigramStarts[unit + 1]; i++) {
        bigramUnits[nextBigram[Arrays.binarySearch(allBigrams, distinctBigrams[i])]++] = unit;
      }
    }
    return new Bm25Index(sorted, termPostings, postingUnits, postingCounts, allBigrams, bigramPostings, bigramUnits,
        unitLengths);
  }

  /** Number of indexed units. */
  public int size() {
    return unitLengths.length;
  }

  /** The heap this index holds, in bytes (its arrays and term strings, with the JVM's object headers). */
  public long heapBytes() {
    return heapBytes;
  }

  /** BM25 score of every unit for the question (0 where no term matches). */
  public double[] score(String question) {
    double[] scores = new double[unitLengths.length];
    List<String> words = Terms.of(question);
    Set<String> distinct = new HashSet<>(words);
    for (String word : distinct) {
      int term = Arrays.binarySearch(terms, word);
      if (term < 0) {
        continue;
      }
      double idf = idf(termPostings[term + 1] - termPostings[term]);
      for (int i = termPostings[term]; i < termPostings[term + 1]; i++) {
        int unit = postingUnits[i];
        double tf = postingCounts[i];
        double norm = K1 * (1 - B + B * unitLengths[unit] / averageLength);
        scores[unit] += idf * tf * (K1 + 1) / (tf + norm);
      }
    }
    // Each distinct bigram once, as each distinct word: a question repeating a pair costs (and weighs) no more.
    Set<Long> seen = new HashSet<>();
    for (int i = 1; i < words.size(); i++) {
      int first = Arrays.binarySearch(terms, words.get(i - 1));
      int second = Arrays.binarySearch(terms, words.get(i));
      if (first < 0 || second < 0 || !seen.add(key(first, second))) {
        continue;
      }
      int bigram = Arrays.binarySearch(bigrams, key(first, second));
      if (bigram < 0) {
        continue;
      }
      double weight = BIGRAM_WEIGHT * Math.min(idfOf(first), idfOf(second));
      for (int u = bigramPostings[bigram]; u < bigramPostings[bigram + 1]; u++) {
        scores[bigramUnits[u]] += weight;
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

  private double idfOf(int term) {
    return idf(termPostings[term + 1] - termPostings[term]);
  }

  private double idf(int documentFrequency) {
    double n = unitLengths.length;
    return Math.log(1 + (n - documentFrequency + 0.5) / (documentFrequency + 0.5));
  }

  private static long key(int first, int second) {
    return (long) first << 32 | second;
  }

  /** The bigram keys of each unit, in the units' own segments of one array (a unit of n terms has n - 1). */
  private static long[] bigramKeysPerUnit(int[] occ, int[] unitStarts) {
    long[] keys = new long[occ.length];
    for (int unit = 0; unit + 1 < unitStarts.length; unit++) {
      for (int i = unitStarts[unit] + 1; i < unitStarts[unit + 1]; i++) {
        keys[i - 1] = key(occ[i - 1], occ[i]);
      }
    }
    return keys;
  }

  /**
   * Sorts and de-duplicates each unit's bigram segment (of length n - 1 at the unit's term start), packing the results
   * one after another; {@code outStarts} receives where each unit's distinct keys begin.
   */
  private static long[] uniqueSegments(long[] keys, int[] unitStarts, int[] outStarts) {
    int out = 0;
    for (int unit = 0; unit + 1 < unitStarts.length; unit++) {
      outStarts[unit] = out;
      int from = unitStarts[unit];
      int to = Math.max(from, unitStarts[unit + 1] - 1);
      Arrays.sort(keys, from, to);
      for (int i = from; i < to; i++) {
        if (i == from || keys[i] != keys[i - 1]) {
          keys[out++] = keys[i];
        }
      }
    }
    outStarts[unitStarts.length - 1] = out;
    return Arrays.copyOf(keys, out);
  }

  private static long[] unique(long[] sorted, int length) {
    int out = 0;
    for (int i = 0; i < length; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        sorted[out++] = sorted[i];
      }
    }
    return Arrays.copyOf(sorted, out);
  }

  private static void prefixSum(int[] a) {
    for (int i = 1; i < a.length; i++) {
      a[i] += a[i - 1];
    }
  }

  /** Calls {@code run} for each (unit, term, count) of units whose term ids are sorted within their segment. */
  private static void forEachRun(int[] sortedOcc, int[] unitStarts, Run run) {
    for (int unit = 0; unit + 1 < unitStarts.length; unit++) {
      int i = unitStarts[unit];
      int end = unitStarts[unit + 1];
      while (i < end) {
        int j = i + 1;
        while (j < end && sortedOcc[j] == sortedOcc[i]) {
          j++;
        }
        run.accept(unit, sortedOcc[i], j - i);
        i = j;
      }
    }
  }

  private interface Run {
    void accept(int unit, int term, int count);
  }

  private long measure() {
    long bytes = 16 + HeapSize.array(terms.length, 4); // this object's fields and the terms array
    for (String t : terms) {
      bytes += HeapSize.string(t);
    }
    return bytes + HeapSize.array(termPostings.length, 4) + HeapSize.array(postingUnits.length, 4)
        + HeapSize.array(postingCounts.length, 4) + HeapSize.array(bigrams.length, 8)
        + HeapSize.array(bigramPostings.length, 4) + HeapSize.array(bigramUnits.length, 4)
        + HeapSize.array(unitLengths.length, 4) + 64;
  }

  /** A growable int array. */
  private static final class IntList {
    private int[] values = new int[1024];
    private int size;

    void add(int v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size + (size >> 1));
      }
      values[size++] = v;
    }

    int size() {
      return size;
    }

    int[] toArray() {
      return Arrays.copyOf(values, size);
    }
  }
}
