package fedvec.learning.aggregation;

import fedvec.learning.parameters.ParameterVector;

/**
 * The result of one aggregation.
 *
 * @param parameters the aggregated model
 * @param weights the weight of each contribution, in contributor-id order
 * @param perf the performance the aggregate reports upwards (ASSUME perf-r: mean of the
 *     contributors')
 * @param samples vehicles behind the aggregate
 */
public record Aggregate(ParameterVector parameters, double[] weights, double perf, int samples) {}
