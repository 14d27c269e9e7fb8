package fedvec.learning.aggregation;

import fedvec.learning.parameters.ParameterVector;
import java.util.Comparator;
import java.util.List;

/** Shared arithmetic of the strategies: contributor-id order, double accumulation, shape checks. */
final class WeightedSum {
  private WeightedSum() {}

  /**
   * The contributions sorted by contributor id, after checking they are non-empty and of one size.
   */
  static List<Contribution> sorted(List<Contribution> contributions) {
    if (contributions.isEmpty()) {
      throw new IllegalArgumentException("nothing to aggregate");
    }
    int size = contributions.get(0).parameters().size();
    for (Contribution c : contributions) {
      if (c.parameters().size() != size) {
        throw new IllegalArgumentException(
            "contributor "
                + c.contributorId()
                + " has "
                + c.parameters().size()
                + " parameters, expected "
                + size);
      }
    }
    return contributions.stream()
        .sorted(Comparator.comparingInt(Contribution::contributorId))
        .toList();
  }

  /** sum_i w_i theta_i, accumulated in double in list order. */
  static ParameterVector of(List<Contribution> sorted, double[] weights, long version) {
    int size = sorted.get(0).parameters().size();
    double[] sum = new double[size];
    for (int i = 0; i < sorted.size(); i++) {
      ParameterVector p = sorted.get(i).parameters();
      double w = weights[i];
      for (int k = 0; k < size; k++) {
        sum[k] += w * p.get(k);
      }
    }
    float[] values = new float[size];
    for (int k = 0; k < size; k++) {
      values[k] = (float) sum[k];
    }
    return new ParameterVector(version, values);
  }

  static double meanPerf(List<Contribution> sorted) {
    double sum = 0.0;
    for (Contribution c : sorted) {
      sum += c.perf();
    }
    return sum / sorted.size();
  }

  static int samples(List<Contribution> sorted) {
    return sorted.stream().mapToInt(Contribution::samples).sum();
  }

  static long version(List<Contribution> sorted) {
    return sorted.stream().mapToLong(c -> c.parameters().version()).max().orElse(0);
  }
}
