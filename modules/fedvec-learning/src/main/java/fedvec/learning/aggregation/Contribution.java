package fedvec.learning.aggregation;

import fedvec.learning.parameters.ParameterVector;

/**
 * One model offered to an aggregation: a vehicle's local model at an RSU, or an RSU's aggregate at
 * the BS.
 *
 * @param contributorId vehicle or RSU id; aggregation sums in this order
 * @param parameters the model
 * @param perf its performance metric perf_i of eq. (16)
 * @param samples how many vehicles stand behind it (1 for a vehicle), the FedAvg weight
 */
public record Contribution(
    int contributorId, ParameterVector parameters, double perf, int samples) {}
