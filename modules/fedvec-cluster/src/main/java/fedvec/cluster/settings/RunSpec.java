package fedvec.cluster.settings;

import fedvec.learning.algorithm.AggregationSettings;
import fedvec.learning.algorithm.Algorithm;
import fedvec.learning.ddpg.DdpgSettings;
import fedvec.learning.ddpg.DdpgShape;
import fedvec.learning.ddpg.ExplorationSettings;
import fedvec.learning.faults.FaultSettings;
import fedvec.learning.parameters.ParameterVector;
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
    FaultSettings faults,
    ResumePoint resume) {

  /**
   * Where a resumed run starts: after {@code episode}, from the global model of that episode's
   * round.
   *
   * @param globalModel packed float32 parameters; empty for algorithms without a model
   */
  public record ResumePoint(int episode, byte[] globalModel) {}

  /** The same run, resumed after a checkpoint. */
  public RunSpec resumedAt(ResumePoint point) {
    return new RunSpec(run, scenario, learning, exploration, aggregation, fl, faults, point);
  }

  /** The first episode this run simulates: 1, or the one after its checkpoint. */
  public int firstEpisode() {
    return resume == null ? 1 : resume.episode() + 1;
  }

  /** The model every vehicle and the base station start from. */
  public ParameterVector initialModel() {
    if (resume != null && resume.globalModel().length > 0) {
      return ParameterVector.fromBytes(resume.episode(), resume.globalModel());
    }
    return ddpgShape().initialParameters(run.seed());
  }

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
