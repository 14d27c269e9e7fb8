package fedvec.model.observation;

import fedvec.model.ScenarioSettings;
import fedvec.model.channel.Channel;

/**
 * The fixed-size, normalised state vector s = {v(t), g(t), r(t), i(t), e(t)} of paper 000 section
 * III-A.
 *
 * <p>ASSUME state vector: the same 16 features for every vehicle, as federated averaging needs
 * equal dimensions: own kinematics and CPU (v), own task (g), the serving RSU from its twin (r),
 * the V2R channel quality (i), the assisted-vehicle candidate and the cell density (e). Remaining
 * energy is left out: the paper's equations have no battery, so it would be a constant.
 */
public final class ObservationEncoder {
  /** Length of the observation vector. */
  public static final int DIMENSION = 16;

  private final ScenarioSettings settings;

  public ObservationEncoder(ScenarioSettings settings) {
    this.settings = settings;
  }

  public float[] encode(VehicleView view) {
    var vehicles = settings.vehicles();
    var tasks = settings.tasks();
    float[] s = new float[DIMENSION];
    s[0] = (float) (view.self().positionM() / settings.road().lengthM());
    s[1] = (float) (view.self().speedMps() / vehicles.speedMaxMps());
    s[2] = (float) unit(view.self().accelerationMps2(), vehicles.accelerationMaxMps2());
    s[3] = (float) (view.cpuHz() / vehicles.cpuMaxHz());
    if (view.task() != null) {
      s[4] = 1f;
      s[5] = (float) (view.task().dataBits() / tasks.dataMaxBits());
      s[6] = (float) (view.task().demandCycles() / tasks.demandMaxCycles());
      s[7] = (float) (view.task().deadlineSeconds() / tasks.deadlineMaxSeconds());
    }
    double rsuOffsetM = view.rsuPositionM() - view.self().positionM();
    s[8] = (float) (rsuOffsetM / settings.rsus().rangeM());
    s[9] = (float) view.twin().expectedCpuShare();
    s[10] = (float) (1.0 - view.twin().bandwidthUtilization());
    s[11] = (float) channelQuality(rsuOffsetM);
    s[12] = (float) ((double) view.cellSize() / Math.max(1, view.vehicleCount()));
    if (view.assistant() != null) {
      s[13] = 1f;
      s[14] =
          (float) ((view.assistant().positionM() - view.self().positionM()) / vehicles.v2vRangeM());
      s[15] = (float) (view.assistantCpuHz() / vehicles.cpuMaxHz());
    }
    return s;
  }

  /** V2R spectral efficiency relative to twice that at the reference distance, within [0, 1]. */
  private double channelQuality(double offsetM) {
    var channel = settings.channel();
    double here =
        Channel.spectralEfficiency(Channel.snrDb(channel.v2rSnrDbAtReference(), offsetM, channel));
    double reference = Channel.spectralEfficiency(channel.v2rSnrDbAtReference());
    return Math.min(1.0, here / (2.0 * reference));
  }

  /** Maps [-bound, bound] to [0, 1]. */
  private static double unit(double value, double bound) {
    return bound > 0 ? 0.5 + 0.5 * value / bound : 0.5;
  }
}
