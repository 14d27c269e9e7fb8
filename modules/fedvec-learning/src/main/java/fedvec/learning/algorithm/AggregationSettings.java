package fedvec.learning.algorithm;

/**
 * Parameters of the two aggregation tiers of paper 000.
 *
 * @param temperature tau of the softmax weights, eq. (16) (ASSUME 1.0)
 * @param globalRate alpha of the soft global update, eqs. (24), (25) (ASSUME 0.5)
 * @param standardizePerformance z-score perf within the cohort before eq. (16) (ASSUME on)
 * @param trim share cut from each end per coordinate by the trimmed-mean RSU tier of {@code
 *     trimmed-maddpg}
 */
public record AggregationSettings(
    double temperature, double globalRate, boolean standardizePerformance, double trim) {}
