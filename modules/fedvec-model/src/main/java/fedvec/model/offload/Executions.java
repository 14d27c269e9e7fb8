package fedvec.model.offload;

import fedvec.model.task.Task;
import fedvec.model.world.RsuSettings;
import fedvec.model.world.VehicleSettings;

/** Delay and energy of the three ways to run a task, paper 000 section II-C. */
public final class Executions {
  private Executions() {}

  /** Local computing: T^l = phi_n / f^v_n (5), E^l = T^l * p_v^com (6). */
  public static Execution local(Task task, double cpuHz, VehicleSettings vehicles) {
    return new Execution(0.0, task.demandCycles() / cpuHz, 0.0, vehicles.computePowerW());
  }

  /**
   * Assisted-vehicle computing: T^v = phi_n / f + sigma_n / r_v2v (7), E^v = (phi_n / f) p_v^com +
   * (sigma_n / r_v2v) p_v^trans (8). The paper's (8) writes f^r_n; ASSUME av-compute: f is the
   * assisted vehicle's allocated CPU, the same f as in (7).
   */
  public static Execution assisted(
      Task task, double assistantCpuHz, double v2vRateBps, VehicleSettings vehicles) {
    return new Execution(
        task.dataBits() / v2vRateBps,
        task.demandCycles() / assistantCpuHz,
        vehicles.transmitPowerW(),
        vehicles.computePowerW());
  }

  /**
   * RSU computing: T^r = phi_n / f^r_n + sigma_n / r_v2r (9), E^r with p_r^com and p_r^trans (10).
   */
  public static Execution rsu(Task task, double rsuCpuHz, double v2rRateBps, RsuSettings rsus) {
    return new Execution(
        task.dataBits() / v2rRateBps,
        task.demandCycles() / rsuCpuHz,
        rsus.transmitPowerW(),
        rsus.computePowerW());
  }
}
