package fedvec.learning.aggregation;

import fedvec.learning.parameters.ParameterVector;
import java.util.List;

/**
 * The base station's soft global update of paper 000: theta_global <- alpha * sum_r w_r theta_agg,r
 * + (1 - alpha) theta_global (24, 25), with the RSU weights w_r from a wrapped strategy (eq. 16 in
 * HAFMADDPG). Without a previous global model the new one is the weighted sum itself.
 */
public final class SoftGlobalUpdate implements AggregationStrategy {
  private final AggregationStrategy weighting;
  private final double globalRate;

  public SoftGlobalUpdate(AggregationStrategy weighting, double globalRate) {
    if (!(globalRate > 0 && globalRate <= 1)) {
      throw new IllegalArgumentException("global rate must be in (0, 1], got " + globalRate);
    }
    this.weighting = weighting;
    this.globalRate = globalRate;
  }

  @Override
  public Aggregate aggregate(List<Contribution> contributions, ParameterVector current) {
    Aggregate weighted = weighting.aggregate(contributions, current);
    if (current == null || globalRate == 1.0) {
      return weighted;
    }
    if (current.size() != weighted.parameters().size()) {
      throw new IllegalArgumentException(
          "global model has "
              + current.size()
              + " parameters, aggregate "
              + weighted.parameters().size());
    }
    float[] mixed = new float[current.size()];
    for (int k = 0; k < mixed.length; k++) {
      mixed[k] =
          (float) (globalRate * weighted.parameters().get(k) + (1.0 - globalRate) * current.get(k));
    }
    return new Aggregate(
        new ParameterVector(weighted.parameters().version(), mixed),
        weighted.weights(),
        weighted.perf(),
        weighted.samples());
  }

  @Override
  public String describe() {
    return "soft-global-update(alpha=" + globalRate + ", weights=" + weighting.describe() + ")";
  }
}
