package dev.askpage.bench;

import java.util.Arrays;
import java.util.Collection;

/** Percentiles and means of timings (linear interpolation between ranks, as numpy's default). */
final class Stats {
  private Stats() {}

  /** The {@code p}-th percentile (0..100) of {@code values}; NaN when there are none. */
  static double percentile(double[] values, double p) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double rank = p / 100 * (sorted.length - 1);
    int low = (int) Math.floor(rank);
    int high = (int) Math.ceil(rank);
    return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
  }

  static double percentile(Collection<Double> values, double p) {
    return percentile(values.stream().mapToDouble(Double::doubleValue).toArray(), p);
  }

  static double median(double[] values) {
    return percentile(values, 50);
  }

  static double median(Collection<Double> values) {
    return percentile(values, 50);
  }

  static double mean(double[] values) {
    return values.length == 0 ? Double.NaN : Arrays.stream(values).average().orElse(Double.NaN);
  }

  static double sum(double[] values) {
    return Arrays.stream(values).sum();
  }
}
