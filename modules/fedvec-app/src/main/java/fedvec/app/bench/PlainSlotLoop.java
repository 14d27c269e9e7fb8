package fedvec.app.bench;

import fedvec.cluster.settings.RunSpec;
import fedvec.learning.policy.Learner;
import fedvec.learning.policy.Policy;
import fedvec.learning.replay.Transition;
import fedvec.model.compute.ProportionalShare;
import fedvec.model.observation.ObservationEncoder;
import fedvec.model.observation.VehicleView;
import fedvec.model.offload.Cell;
import fedvec.model.offload.CellResolver;
import fedvec.model.offload.Decision;
import fedvec.model.offload.OffloadAction;
import fedvec.model.offload.TaskOutcome;
import fedvec.model.task.Task;
import fedvec.model.task.TaskGenerator;
import fedvec.model.twin.ResourceSnapshot;
import fedvec.model.world.Mobility;
import fedvec.model.world.Traffic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 6, case d's reference: the computation of an inference-only slot (every RSU's cell, every
 * vehicle's observation, action and stored transition, the edge servers' split, the cells'
 * outcomes) in one plain loop on one thread, with no actors and no messages, so that the actor
 * run's slot time over this one is the actor layer's overhead.
 */
final class PlainSlotLoop implements AutoCloseable {
  private final RunSpec spec;
  private final List<Policy> policies = new ArrayList<>();
  private final ObservationEncoder encoder;
  private final TaskGenerator tasks;
  private final CellResolver resolver;
  private final double[] cpuHz;
  private final ResourceSnapshot[] twins;
  private final Transition[] pending;
  private final float[][] decidedState;
  private final OffloadAction[] decidedAction;

  PlainSlotLoop(RunSpec spec) {
    this.spec = spec;
    long seed = spec.run().seed();
    int n = spec.vehicles();
    for (int v = 0; v < n; v++) {
      policies.add(
          spec.algorithm()
              .newPolicy(
                  spec.learning(),
                  spec.exploration(),
                  spec.ddpgShape(),
                  spec.initialModel(),
                  seed,
                  v,
                  0));
    }
    encoder = new ObservationEncoder(spec.scenario());
    tasks = new TaskGenerator(spec.scenario().tasks(), seed);
    resolver = new CellResolver(spec.scenario());
    cpuHz = new double[n];
    for (int v = 0; v < n; v++) {
      cpuHz[v] = Mobility.cpuHz(spec.scenario().vehicles(), seed, v);
    }
    twins = new ResourceSnapshot[spec.rsus()];
    java.util.Arrays.fill(twins, ResourceSnapshot.IDLE);
    pending = new Transition[n];
    decidedState = new float[n][];
    decidedAction = new OffloadAction[n];
  }

  /** Times every slot of {@code episode} (nanoseconds per slot). */
  double[] episode(int episode) {
    int slots = spec.run().slotsPerEpisode();
    Traffic traffic =
        Traffic.of(
            spec.scenario().road(),
            spec.scenario().vehicles(),
            spec.scenario().rsuLayout(),
            spec.run().seed(),
            episode,
            slots);
    double[] times = new double[slots];
    for (int slot = 0; slot < slots; slot++) {
      long start = System.nanoTime();
      for (int r = 0; r < spec.rsus(); r++) {
        slot(traffic, episode, slot, r);
      }
      times[slot] = System.nanoTime() - start;
    }
    return times;
  }

  private void slot(Traffic traffic, int episode, int slot, int rsu) {
    Cell cell = Cell.of(traffic, rsu, slot, cpuHz, spec.scenario().vehicles().v2vRangeM());
    Map<Integer, Cell.Member> byId = new HashMap<>();
    cell.members().forEach(m -> byId.put(m.vehicleId(), m));
    List<Decision> decisions = new ArrayList<>();
    for (Cell.Member m : cell.members()) {
      int v = m.vehicleId();
      Cell.Member assistant = m.assistantId() < 0 ? null : byId.get(m.assistantId());
      Task task = tasks.taskFor(v, episode, slot).orElse(null);
      float[] state =
          encoder.encode(
              new VehicleView(
                  m.kinematics(),
                  cpuHz[v],
                  task,
                  cell.rsuPositionM(),
                  twins[rsu],
                  assistant == null ? null : assistant.kinematics(),
                  assistant == null ? 0.0 : assistant.cpuHz(),
                  cell.members().size(),
                  spec.vehicles()));
      if (pending[v] != null && policies.get(v) instanceof Learner learner) {
        Transition t = pending[v];
        learner.observe(new Transition(t.state(), t.action(), t.reward(), state, false));
        pending[v] = null;
      }
      decidedState[v] = task == null ? null : state;
      decidedAction[v] = task == null ? null : policies.get(v).act(state, episode, true);
      decisions.add(new Decision(v, task, decidedAction[v]));
    }
    List<Decision> rsuBound = CellResolver.rsuBound(decisions);
    double[] ratios = rsuBound.stream().mapToDouble(d -> d.action().computeRatio()).toArray();
    double rsuCpu = spec.scenario().rsus().cpuHz();
    double minRatio = spec.scenario().allocation().minRatio();
    double[] grants = ProportionalShare.grants(rsuCpu, ratios, minRatio);
    List<TaskOutcome> outcomes = resolver.resolve(cell, decisions, grants);
    twins[rsu] = ResourceSnapshot.measure(slot, rsuBound, grants, rsuCpu, minRatio);
    for (TaskOutcome o : outcomes) {
      int v = o.vehicleId();
      if (decidedAction[v] != null) {
        pending[v] =
            new Transition(
                decidedState[v],
                decidedAction[v].toVector(),
                (float) o.reward(),
                decidedState[v],
                false);
      }
    }
  }

  @Override
  public void close() {
    policies.forEach(Policy::close);
  }
}
