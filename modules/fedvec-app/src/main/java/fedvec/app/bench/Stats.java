package fedvec.app.bench;

import java.util.Arrays;

/**
 * Timings of one measured thing: median and spread (10th and 90th percentile) over the iterations
 * that followed the warm-up.
 *
 * @param medianNs median in nanoseconds
 * @param p10Ns 10th percentile
 * @param p90Ns 90th percentile
 * @param iterations how many measured iterations
 */
public record Stats(double medianNs, double p10Ns, double p90Ns, int iterations) {

  /** Runs {@code body} {@code warmup} times unmeasured, then {@code iterations} times timed. */
  public static Stats measure(int warmup, int iterations, Runnable body) {
    for (int i = 0; i < warmup; i++) {
      body.run();
    }
    double[] samples = new double[iterations];
    for (int i = 0; i < iterations; i++) {
      long start = System.nanoTime();
      body.run();
      samples[i] = System.nanoTime() - start;
    }
    return of(samples);
  }

  /** The statistics of already taken samples (nanoseconds). */
  public static Stats of(double[] samples) {
    double[] sorted = samples.clone();
    Arrays.sort(sorted);
    return new Stats(
        percentile(sorted, 0.5), percentile(sorted, 0.1), percentile(sorted, 0.9), sorted.length);
  }

  /** The same timings divided by {@code n} (per agent, per vehicle, per slot). */
  public Stats per(double n) {
    return new Stats(medianNs / n, p10Ns / n, p90Ns / n, iterations);
  }

  private static double percentile(double[] sorted, double q) {
    double position = q * (sorted.length - 1);
    int low = (int) Math.floor(position);
    int high = (int) Math.ceil(position);
    return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
  }
}
