package fedvec.model.offload;

import fedvec.model.ScenarioSettings;
import fedvec.model.channel.Channel;
import fedvec.model.compute.ProportionalShare;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Resolves the decisions of one cell in one slot: splits the shared resources (RSU CPU, V2R and V2V
 * bandwidth, each vehicle's CPU) among the tasks that asked for them, then charges each task its
 * delay, energy, cost and reward. Everything runs in vehicle-id order, so the result does not
 * depend on message arrival.
 */
public final class CellResolver {
  private final ScenarioSettings settings;

  public CellResolver(ScenarioSettings settings) {
    this.settings = settings;
  }

  /**
   * The decisions that need the RSU's edge server, in vehicle-id order (what the EdgeServer is
   * asked).
   */
  public static List<Decision> rsuBound(List<Decision> decisions) {
    return byId(decisions).stream().filter(d -> d.targets(OffloadTarget.RSU)).toList();
  }

  /**
   * The outcome of every task of the cell, in vehicle-id order.
   *
   * @param cell the RSU's cell at this slot
   * @param decisions one decision per member (idle ones included)
   * @param rsuCpuGrantsHz the edge server's CPU grant of each {@link #rsuBound} decision, in that
   *     order
   */
  public List<TaskOutcome> resolve(Cell cell, List<Decision> decisions, double[] rsuCpuGrantsHz) {
    List<Decision> sorted = byId(decisions);
    double minRatio = settings.allocation().minRatio();
    List<Decision> toRsu = rsuBound(sorted);
    double[] v2rShares =
        ProportionalShare.grants(1.0, ratios(toRsu, OffloadAction::bandwidthRatio), minRatio);
    List<Decision> toAssistant =
        sorted.stream()
            .filter(d -> d.targets(OffloadTarget.ASSISTED_VEHICLE))
            .filter(d -> cell.member(d.vehicleId()).assistantId() >= 0)
            .toList();
    double[] v2vShares =
        ProportionalShare.grants(1.0, ratios(toAssistant, OffloadAction::bandwidthRatio), minRatio);
    double[] vehicleCpuGrantsHz = vehicleCpuGrants(cell, sorted, minRatio);

    List<TaskOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      Decision d = sorted.get(i);
      if (!d.hasTask()) {
        continue;
      }
      Cell.Member self = cell.member(d.vehicleId());
      outcomes.add(
          switch (d.action().target()) {
            case LOCAL -> local(d, self, vehicleCpuGrantsHz[i]);
            case ASSISTED_VEHICLE ->
                self.assistantId() < 0
                    ? noAssistant(d)
                    : assisted(
                        d,
                        self,
                        cell.member(self.assistantId()),
                        vehicleCpuGrantsHz[i],
                        v2vShares[toAssistant.indexOf(d)]);
            case RSU ->
                rsu(
                    d,
                    self,
                    cell.rsuPositionM(),
                    rsuCpuGrantsHz[toRsu.indexOf(d)],
                    v2rShares[toRsu.indexOf(d)]);
          });
    }
    return outcomes;
  }

  /**
   * Each vehicle's CPU serves its own local task and the tasks it assists; the grant of decision i
   * (by position in {@code sorted}) is at index i, zero where it used no vehicle CPU.
   */
  private static double[] vehicleCpuGrants(Cell cell, List<Decision> sorted, double minRatio) {
    double[] grants = new double[sorted.size()];
    for (Cell.Member host : cell.members()) {
      List<Integer> requests = new ArrayList<>();
      for (int i = 0; i < sorted.size(); i++) {
        Decision d = sorted.get(i);
        boolean ownLocal = d.targets(OffloadTarget.LOCAL) && d.vehicleId() == host.vehicleId();
        boolean assisted =
            d.targets(OffloadTarget.ASSISTED_VEHICLE)
                && cell.member(d.vehicleId()).assistantId() == host.vehicleId();
        if (ownLocal || assisted) {
          requests.add(i);
        }
      }
      double[] ratios = new double[requests.size()];
      for (int k = 0; k < ratios.length; k++) {
        ratios[k] = sorted.get(requests.get(k)).action().computeRatio();
      }
      double[] hostGrants = ProportionalShare.grants(host.cpuHz(), ratios, minRatio);
      for (int k = 0; k < ratios.length; k++) {
        grants[requests.get(k)] = hostGrants[k];
      }
    }
    return grants;
  }

  private TaskOutcome local(Decision d, Cell.Member self, double cpuGrantHz) {
    Execution execution = Executions.local(d.task(), cpuGrantHz, settings.vehicles());
    return charge(d, execution, Double.POSITIVE_INFINITY, cpuGrantHz / self.cpuHz());
  }

  private TaskOutcome assisted(
      Decision d, Cell.Member self, Cell.Member assistant, double cpuGrantHz, double v2vShare) {
    double offsetM = assistant.kinematics().positionM() - self.kinematics().positionM();
    double closingMps = assistant.kinematics().speedMps() - self.kinematics().speedMps();
    double snrDb =
        Channel.snrDb(settings.channel().v2vSnrDbAtReference(), offsetM, settings.channel());
    double rateBps = Channel.rateBps(v2vShare, settings.channel().v2vBandwidthHz(), snrDb);
    Execution execution = Executions.assisted(d.task(), cpuGrantHz, rateBps, settings.vehicles());
    double linkSeconds =
        Channel.secondsInRange(offsetM, closingMps, settings.vehicles().v2vRangeM()); // eq. (1)
    return charge(d, execution, linkSeconds, cpuGrantHz / assistant.cpuHz());
  }

  private TaskOutcome rsu(
      Decision d, Cell.Member self, double rsuPositionM, double cpuGrantHz, double v2rShare) {
    double offsetM = rsuPositionM - self.kinematics().positionM();
    double snrDb =
        Channel.snrDb(settings.channel().v2rSnrDbAtReference(), offsetM, settings.channel());
    double rateBps = Channel.rateBps(v2rShare, settings.channel().v2rBandwidthHz(), snrDb);
    Execution execution = Executions.rsu(d.task(), cpuGrantHz, rateBps, settings.rsus());
    double linkSeconds =
        Channel.secondsInRange(
            offsetM, -self.kinematics().speedMps(), settings.rsus().rangeM()); // eq. (2)
    return charge(d, execution, linkSeconds, cpuGrantHz / settings.rsus().cpuHz());
  }

  private TaskOutcome noAssistant(Decision d) {
    return outcome(d, d.task().deadlineSeconds(), 0.0, Failure.NO_ASSISTANT, 0.0);
  }

  /** Applies the deadline and the range constraint to an execution and prices the result. */
  private TaskOutcome charge(
      Decision d, Execution execution, double linkSeconds, double utilization) {
    double deadline = d.task().deadlineSeconds();
    if (execution.transmitSeconds() > linkSeconds) {
      double stop = Math.min(linkSeconds, deadline);
      return outcome(d, deadline, execution.energyUntil(stop), Failure.OUT_OF_RANGE, 0.0);
    }
    if (execution.delaySeconds() > deadline) {
      return outcome(d, deadline, execution.energyUntil(deadline), Failure.DEADLINE, 0.0);
    }
    return outcome(
        d, execution.delaySeconds(), execution.energyJoules(), Failure.NONE, utilization);
  }

  private TaskOutcome outcome(
      Decision d, double delaySeconds, double energyJoules, Failure failure, double utilization) {
    boolean failed = failure != Failure.NONE;
    return new TaskOutcome(
        d.vehicleId(),
        d.action().target(),
        delaySeconds,
        energyJoules,
        failure,
        utilization,
        settings.cost().cost(delaySeconds, energyJoules),
        settings.reward().reward(delaySeconds, energyJoules, failed, utilization));
  }

  private static List<Decision> byId(List<Decision> decisions) {
    return decisions.stream().sorted(Comparator.comparingInt(Decision::vehicleId)).toList();
  }

  private static double[] ratios(List<Decision> decisions, ToDoubleFunction<OffloadAction> ratio) {
    return decisions.stream().mapToDouble(d -> ratio.applyAsDouble(d.action())).toArray();
  }
}
