package fedvec.learning.aggregation;

import fedvec.learning.parameters.ParameterVector;
import java.util.List;

/**
 * Performance-aware aggregation of paper 000: w_i = softmax(perf_i / tau) (16), theta_agg = sum_i
 * w_i theta_i for actor and critic alike (22, 23).
 *
 * <p>ASSUME perf standardisation: with {@code standardize} on, perf is z-scored within the cohort
 * before the softmax, so the temperature means the same whatever the reward scale.
 */
public final class SoftmaxPerformance implements AggregationStrategy {
  private final double temperature;
  private final boolean standardize;

  public SoftmaxPerformance(double temperature, boolean standardize) {
    if (!(temperature > 0)) {
      throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
    }
    this.temperature = temperature;
    this.standardize = standardize;
  }

  @Override
  public Aggregate aggregate(List<Contribution> contributions, ParameterVector current) {
    List<Contribution> sorted = WeightedSum.sorted(contributions);
    double[] weights = weights(sorted.stream().mapToDouble(Contribution::perf).toArray());
    return new Aggregate(
        WeightedSum.of(sorted, weights, WeightedSum.version(sorted)),
        weights,
        WeightedSum.meanPerf(sorted),
        WeightedSum.samples(sorted));
  }

  /**
   * Eq. (16), computed as exp(x_i - max x) / sum_j exp(x_j - max x) so that tau -> 0 stays finite.
   */
  double[] weights(double[] perf) {
    double[] x = standardize ? standardized(perf) : perf.clone();
    double max = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      max = Math.max(max, v / temperature);
    }
    double[] w = new double[x.length];
    double sum = 0.0;
    for (int i = 0; i < x.length; i++) {
      w[i] = Math.exp(x[i] / temperature - max);
      sum += w[i];
    }
    for (int i = 0; i < w.length; i++) {
      w[i] /= sum;
    }
    return w;
  }

  private static double[] standardized(double[] perf) {
    double mean = 0.0;
    for (double p : perf) {
      mean += p;
    }
    mean /= perf.length;
    double variance = 0.0;
    for (double p : perf) {
      variance += (p - mean) * (p - mean);
    }
    double std = Math.sqrt(variance / perf.length);
    double[] z = new double[perf.length];
    for (int i = 0; i < perf.length; i++) {
      z[i] = std > 0 ? (perf[i] - mean) / std : 0.0;
    }
    return z;
  }

  @Override
  public String describe() {
    return "softmax-performance(temperature=" + temperature + ", standardize=" + standardize + ")";
  }
}
