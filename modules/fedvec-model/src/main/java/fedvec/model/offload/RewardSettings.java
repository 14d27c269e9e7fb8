package fedvec.model.offload;

/**
 * The reward of eq. (15): lambda4 U - lambda1 T - lambda2 E - lambda3 F per task (all ASSUME
 * defaults).
 *
 * @param delayWeight lambda1
 * @param energyWeight lambda2
 * @param failurePenalty lambda3
 * @param utilizationWeight lambda4
 */
public record RewardSettings(
    double delayWeight, double energyWeight, double failurePenalty, double utilizationWeight) {
  /** The reward of one task, eq. (15). */
  public double reward(
      double delaySeconds, double energyJoules, boolean failed, double utilization) {
    return utilizationWeight * utilization
        - delayWeight * delaySeconds
        - energyWeight * energyJoules
        - failurePenalty * (failed ? 1.0 : 0.0);
  }
}
