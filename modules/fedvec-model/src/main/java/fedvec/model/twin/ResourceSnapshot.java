package fedvec.model.twin;

import fedvec.model.compute.ProportionalShare;
import fedvec.model.offload.Decision;
import java.util.List;

/**
 * What a digital twin knows of an RSU's edge server and radio at the start of a slot: the load it
 * saw in the previous slot (ASSUME twin observation: vehicles decide simultaneously, so last slot's
 * load is the signal).
 *
 * @param slot the slot the load was measured in, -1 before the first
 * @param rsuTasks tasks the edge server ran in that slot
 * @param cpuUtilization granted / available edge-server CPU in that slot
 * @param bandwidthUtilization granted / available V2R bandwidth in that slot
 */
public record ResourceSnapshot(
    int slot, int rsuTasks, double cpuUtilization, double bandwidthUtilization) {
  public static final ResourceSnapshot IDLE = new ResourceSnapshot(-1, 0, 0.0, 0.0);

  /**
   * The load of one slot: the RSU-bound decisions and the edge server's grants to them.
   *
   * @param cpuHz the edge server's capacity
   * @param minRatio the allocation floor of a requested ratio
   */
  public static ResourceSnapshot measure(
      int slot, List<Decision> rsuBound, double[] grantsHz, double cpuHz, double minRatio) {
    double granted = 0.0;
    for (double g : grantsHz) {
      granted += g;
    }
    double bandwidth = 0.0;
    for (Decision d : rsuBound) {
      bandwidth += ProportionalShare.clamp(d.action().bandwidthRatio(), minRatio);
    }
    return new ResourceSnapshot(slot, rsuBound.size(), granted / cpuHz, Math.min(1.0, bandwidth));
  }

  /** The share of the edge server a newcomer can expect: 1 / (1 + tasks it ran last slot). */
  public double expectedCpuShare() {
    return 1.0 / (1 + rsuTasks);
  }
}
