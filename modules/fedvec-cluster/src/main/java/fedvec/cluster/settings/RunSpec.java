package fedvec.cluster.settings;

import fedvec.learning.algorithm.AggregationSettings;
import fedvec.learning.algorithm.Algorithm;
import fedvec.learning.ddpg.DdpgSettings;
import fedvec.learning.ddpg.DdpgShape;
import fedvec.learning.ddpg.ExplorationSettings;
import fedvec.learning.faults.FaultSettings;
import fedvec.model.ScenarioSettings;
import fedvec.model.observation.ObservationEncoder;
import fedvec.model.offload.OffloadAction;

/**
 * Everything a node needs to host its part of a run, validated once at start. It is plain data, so
 * the coordinator can hand the same spec to every node.
 */
public record RunSpec(
    RunSettings run,
    ScenarioSettings scenario,
    DdpgSettings learning,
    ExplorationSettings exploration,
    AggregationSettings aggregation,
    FlSettings fl,
    FaultSettings faults) {

  public Algorithm algorithm() {
    return Algorithm.byId(run.algorithm()).orElseThrow();
  }

  public DdpgShape ddpgShape() {
    return new DdpgShape(
        ObservationEncoder.DIMENSION, OffloadAction.DIMENSION, learning.hiddenUnits());
  }

  public int vehicles() {
    return scenario.vehicles().count();
  }

  public int rsus() {
    return scenario.rsus().count();
  }
}
