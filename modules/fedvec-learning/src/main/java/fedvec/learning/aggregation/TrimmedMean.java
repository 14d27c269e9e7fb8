package fedvec.learning.aggregation;

import fedvec.learning.parameters.ParameterVector;
import java.util.Arrays;
import java.util.List;

/**
 * A robust aggregation: for every coordinate, drop the {@code trim} share of the smallest and of
 * the largest values among the contributions, average the rest (Yin et al., 2018). With trim 0 it
 * is the plain mean; as trim approaches 0.5 it becomes the coordinate-wise median. Performance
 * reports play no part, so an inflated one gains nothing.
 */
public final class TrimmedMean implements AggregationStrategy {
  private final double trim;

  /**
   * @param trim share cut from each end, in [0, 0.5)
   */
  public TrimmedMean(double trim) {
    if (!(trim >= 0 && trim < 0.5)) {
      throw new IllegalArgumentException("trim must be in [0, 0.5), got " + trim);
    }
    this.trim = trim;
  }

  @Override
  public Aggregate aggregate(List<Contribution> contributions, ParameterVector current) {
    List<Contribution> sorted = WeightedSum.sorted(contributions);
    int n = sorted.size();
    int cut = (int) Math.floor(trim * n);
    int size = sorted.get(0).parameters().size();
    float[] values = new float[size];
    double[] column = new double[n];
    for (int k = 0; k < size; k++) {
      for (int i = 0; i < n; i++) {
        column[i] = sorted.get(i).parameters().get(k);
      }
      Arrays.sort(column);
      double sum = 0;
      for (int i = cut; i < n - cut; i++) {
        sum += column[i];
      }
      values[k] = (float) (sum / (n - 2 * cut));
    }
    double[] weights = new double[n];
    Arrays.fill(weights, 1.0 / n); // every contributor has the same say in each coordinate
    return new Aggregate(
        new ParameterVector(WeightedSum.version(sorted), values),
        weights,
        WeightedSum.meanPerf(sorted),
        WeightedSum.samples(sorted));
  }

  @Override
  public String describe() {
    return "trimmed-mean(trim=" + trim + ")";
  }
}
