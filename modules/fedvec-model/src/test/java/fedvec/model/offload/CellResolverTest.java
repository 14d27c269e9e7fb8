package fedvec.model.offload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fedvec.model.ScenarioSettings;
import fedvec.model.Scenarios;
import fedvec.model.task.Task;
import fedvec.model.world.Kinematics;
import java.util.List;
import org.junit.jupiter.api.Test;

class CellResolverTest {
  private final ScenarioSettings settings = Scenarios.hafmaddpg(2);
  private final CellResolver resolver = new CellResolver(settings);

  /**
   * RSU at 125 m; vehicle 0 at 100 m (1 GHz), vehicle 1 at 150 m (1.5 GHz), each the other's
   * assistant.
   */
  private Cell cell(double x0, double v0, double x1, double v1) {
    return new Cell(
        0,
        125,
        List.of(
            new Cell.Member(0, new Kinematics(x0, v0, 0), 1e9, 1),
            new Cell.Member(1, new Kinematics(x1, v1, 0), 1.5e9, 0)));
  }

  private static Decision decide(
      int vehicle, Task task, OffloadTarget target, double pc, double pk) {
    return new Decision(vehicle, task, new OffloadAction(target, pc, pk));
  }

  @Test
  void rsuTaskGetsTheEdgeServersGrantAndTheWholeV2rBand() {
    // given vehicle 0 offloading 1 Mbit, 0.5 Gcycles to the RSU 25 m ahead; vehicle 1 idle
    Task task = new Task(1e6, 0.5e9, 1.0);
    List<Decision> decisions = List.of(decide(0, task, OffloadTarget.RSU, 1, 1), Decision.idle(1));
    // when the edge server granted it all 10 GHz
    List<TaskOutcome> outcomes =
        resolver.resolve(cell(100, 10, 150, 10), decisions, new double[] {10e9});
    // then, by hand: SNR(25 m) = 20 - 30 log10(0.25) = 38.0618 dB; rate = 15 MHz * log2(1 +
    // 10^3.80618)
    double rate =
        15e6 * (Math.log(1 + Math.pow(10, (20 - 30 * Math.log10(0.25)) / 10)) / Math.log(2));
    double tx = 1e6 / rate;
    double compute = 0.5e9 / 10e9;
    TaskOutcome o = outcomes.get(0);
    assertEquals(1, outcomes.size());
    assertEquals(Failure.NONE, o.failure());
    assertEquals(tx + compute, o.delaySeconds(), 1e-12);
    assertEquals(compute * 5.0 + tx * 1.0, o.energyJoules(), 1e-12);
    assertEquals(1.0, o.utilization(), 1e-12);
    assertEquals(0.5 * o.delaySeconds() + 0.5 * o.energyJoules(), o.cost(), 1e-12);
  }

  @Test
  void assistedTaskSharesTheAssistantsCpuWithItsOwnLocalTask() {
    // given vehicle 0 offloading to vehicle 1, which computes its own task locally, both asking for
    // all
    Task task = new Task(1e6, 0.3e9, 1.0);
    List<Decision> decisions =
        List.of(
            decide(0, task, OffloadTarget.ASSISTED_VEHICLE, 1, 1),
            decide(1, task, OffloadTarget.LOCAL, 1, 1));
    List<TaskOutcome> outcomes = resolver.resolve(cell(100, 10, 150, 10), decisions, new double[0]);
    // then vehicle 1's 1.5 GHz splits in half: 0.3e9 / 0.75e9 = 0.4 s of computing each
    TaskOutcome local = outcomes.get(1);
    assertEquals(0.4, local.delaySeconds(), 1e-12);
    assertEquals(0.4, local.energyJoules(), 1e-12);
    // and the assisted task adds its V2V transmission over 50 m: SNR = 20 - 30 log10(0.5)
    double rate =
        20e6 * (Math.log(1 + Math.pow(10, (20 - 30 * Math.log10(0.5)) / 10)) / Math.log(2));
    TaskOutcome assisted = outcomes.get(0);
    assertEquals(1e6 / rate + 0.4, assisted.delaySeconds(), 1e-12);
    assertEquals(0.4 * 1.0 + 1e6 / rate * 0.2, assisted.energyJoules(), 1e-12);
    assertEquals(0.5, assisted.utilization(), 1e-12);
  }

  @Test
  void localTaskPastItsDeadlineFailsAndIsChargedTheDeadline() {
    // given 1 Gcycle on vehicle 0's 1 GHz asking for half of it: 2 s against a 0.8 s deadline
    Task task = new Task(1e6, 1e9, 0.8);
    List<TaskOutcome> outcomes =
        resolver.resolve(
            cell(100, 10, 150, 10),
            List.of(decide(0, task, OffloadTarget.LOCAL, 0.5, 1), Decision.idle(1)),
            new double[0]);
    TaskOutcome o = outcomes.get(0);
    assertEquals(Failure.DEADLINE, o.failure());
    assertEquals(0.8, o.delaySeconds(), 1e-12);
    assertEquals(0.8, o.energyJoules(), 1e-12); // 1 W until abandoned at 0.8 s
    // eq. (15) with U = 0: -0.5 * 0.8 - 0.5 * 0.8 - 1 * 1
    assertEquals(-1.8, o.reward(), 1e-12);
  }

  @Test
  void v2vTransmissionThatLeavesRangeFails() {
    // given the assistant 149 m ahead and pulling away at 10 m/s; a 20 Mbit upload at 1% of the
    // band
    Task task = new Task(20e6, 0.3e9, 1.0);
    List<TaskOutcome> outcomes =
        resolver.resolve(
            cell(0, 10, 149, 20),
            List.of(decide(0, task, OffloadTarget.ASSISTED_VEHICLE, 1, 0.01), Decision.idle(1)),
            new double[0]);
    // then the link breaks after (150 - 149) / 10 = 0.1 s: charged the deadline and 0.1 s of 0.2 W
    TaskOutcome o = outcomes.get(0);
    assertEquals(Failure.OUT_OF_RANGE, o.failure());
    assertEquals(1.0, o.delaySeconds(), 1e-12);
    assertEquals(0.1 * 0.2, o.energyJoules(), 1e-12);
  }

  @Test
  void assistedVehicleWithoutCandidateFails() {
    Cell lonely =
        new Cell(0, 125, List.of(new Cell.Member(0, new Kinematics(100, 10, 0), 1e9, -1)));
    Task task = new Task(1e6, 0.3e9, 0.7);
    TaskOutcome o =
        resolver
            .resolve(
                lonely,
                List.of(decide(0, task, OffloadTarget.ASSISTED_VEHICLE, 1, 1)),
                new double[0])
            .get(0);
    assertEquals(Failure.NO_ASSISTANT, o.failure());
    assertEquals(0.7, o.delaySeconds(), 1e-12);
    assertEquals(0.0, o.energyJoules(), 1e-12);
  }

  @Test
  void outcomesDoNotDependOnTheOrderDecisionsArrived() {
    Task task = new Task(1e6, 0.3e9, 1.0);
    Decision a = decide(0, task, OffloadTarget.ASSISTED_VEHICLE, 0.7, 0.4);
    Decision b = decide(1, task, OffloadTarget.LOCAL, 0.9, 1);
    Cell c = cell(100, 10, 150, 10);
    assertEquals(
        resolver.resolve(c, List.of(a, b), new double[0]),
        resolver.resolve(c, List.of(b, a), new double[0]));
    assertTrue(CellResolver.rsuBound(List.of(b, a)).isEmpty());
  }
}
