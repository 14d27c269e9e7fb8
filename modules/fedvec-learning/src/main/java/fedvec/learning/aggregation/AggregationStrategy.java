package fedvec.learning.aggregation;

import fedvec.learning.parameters.ParameterVector;
import java.util.List;

/**
 * The math of one aggregation tier (Flower's Strategy idea): the coordinating actor owns the round,
 * the strategy only turns contributions into a model. Implementations are pure and sum in
 * contributor-id order.
 */
public interface AggregationStrategy {

  /**
   * Aggregates {@code contributions} (at least one).
   *
   * @param current the model this tier held before, or null when it has none (an RSU, or the BS in
   *     its first round)
   */
  Aggregate aggregate(List<Contribution> contributions, ParameterVector current);

  /** A short name for logs, e.g. "softmax-performance(temperature=1.0)". */
  String describe();
}
