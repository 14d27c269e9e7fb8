package fedvec.model.offload;

/**
 * The system cost of eq. (13): (1 - alpha) T + alpha E per task.
 *
 * @param energyWeight alpha of eq. (13) (ASSUME 0.5)
 */
public record CostSettings(double energyWeight) {
  /** The cost of one task, eq. (13). */
  public double cost(double delaySeconds, double energyJoules) {
    return (1.0 - energyWeight) * delaySeconds + energyWeight * energyJoules;
  }
}
