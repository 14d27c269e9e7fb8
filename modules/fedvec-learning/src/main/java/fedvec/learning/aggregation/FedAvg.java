package fedvec.learning.aggregation;

import fedvec.learning.parameters.ParameterVector;
import java.util.List;

/**
 * Federated averaging: weights proportional to the vehicles behind each contribution (McMahan et
 * al.).
 */
public final class FedAvg implements AggregationStrategy {

  @Override
  public Aggregate aggregate(List<Contribution> contributions, ParameterVector current) {
    List<Contribution> sorted = WeightedSum.sorted(contributions);
    int samples = WeightedSum.samples(sorted);
    double[] weights = new double[sorted.size()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = (double) sorted.get(i).samples() / samples;
    }
    return new Aggregate(
        WeightedSum.of(sorted, weights, WeightedSum.version(sorted)),
        weights,
        WeightedSum.meanPerf(sorted),
        samples);
  }

  @Override
  public String describe() {
    return "fedavg";
  }
}
