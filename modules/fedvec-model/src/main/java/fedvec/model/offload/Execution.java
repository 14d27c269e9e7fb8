package fedvec.model.offload;

/**
 * A task's execution as a transmission followed by a computation, each at a constant power.
 *
 * @param transmitSeconds sigma_n / r, zero for local execution
 * @param computeSeconds phi_n / f
 * @param transmitPowerW power drawn while transmitting
 * @param computePowerW power drawn while computing
 */
public record Execution(
    double transmitSeconds, double computeSeconds, double transmitPowerW, double computePowerW) {

  /** Total delay T = transmission + computation, the form of eqs. (5), (7), (9). */
  public double delaySeconds() {
    return transmitSeconds + computeSeconds;
  }

  /** Energy E of eqs. (6), (8), (10) when the task runs to completion. */
  public double energyJoules() {
    return transmitSeconds * transmitPowerW + computeSeconds * computePowerW;
  }

  /** Energy spent until the task is abandoned after {@code seconds} (deadline or lost link). */
  public double energyUntil(double seconds) {
    double transmitting = Math.min(seconds, transmitSeconds);
    double computing = Math.max(0.0, Math.min(seconds - transmitSeconds, computeSeconds));
    return transmitting * transmitPowerW + computing * computePowerW;
  }
}
