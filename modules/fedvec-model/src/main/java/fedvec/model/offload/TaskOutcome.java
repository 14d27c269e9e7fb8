package fedvec.model.offload;

/**
 * What happened to one vehicle's task in a slot, as charged in the cost (13) and reward (15).
 *
 * @param vehicleId the task's owner
 * @param target where it ran
 * @param delaySeconds T_j: the completion time, or the deadline when it failed (ASSUME failed-task
 *     charge)
 * @param energyJoules E_j: the energy spent until completion or abandonment
 * @param failure why it failed, or NONE
 * @param utilization U: the share of the chosen node's CPU it was granted (ASSUME utilization), 0
 *     on failure
 * @param cost eq. (13) for this task
 * @param reward eq. (15) for this task
 */
public record TaskOutcome(
    int vehicleId,
    OffloadTarget target,
    double delaySeconds,
    double energyJoules,
    Failure failure,
    double utilization,
    double cost,
    double reward) {

  public boolean failed() {
    return failure != Failure.NONE;
  }
}
