package fedvec.model.offload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fedvec.model.ScenarioSettings;
import fedvec.model.Scenarios;
import fedvec.model.task.Task;
import org.junit.jupiter.api.Test;

class ExecutionsTest {
  private final ScenarioSettings settings = Scenarios.hafmaddpg(10);

  @Test
  void localComputingOfEqs5And6() {
    // phi = 1e9 cycles at f = 0.5 GHz: T = 2 s; E = T * p_com (1 W) = 2 J
    Execution e = Executions.local(new Task(1e6, 1e9, 1.0), 0.5e9, settings.vehicles());
    assertEquals(2.0, e.delaySeconds(), 1e-12);
    assertEquals(2.0, e.energyJoules(), 1e-12);
  }

  @Test
  void assistedVehicleComputingOfEqs7And8() {
    // sigma = 1e6 bits at 1e7 bit/s: 0.1 s; phi = 0.5e9 at 1 GHz: 0.5 s
    Execution e = Executions.assisted(new Task(1e6, 0.5e9, 1.0), 1e9, 1e7, settings.vehicles());
    assertEquals(0.6, e.delaySeconds(), 1e-12);
    // E = 0.5 s * 1 W + 0.1 s * 0.2 W = 0.52 J
    assertEquals(0.52, e.energyJoules(), 1e-12);
  }

  @Test
  void rsuComputingOfEqs9And10() {
    // sigma = 2e6 bits at 2e7 bit/s: 0.1 s; phi = 1e9 at 4 GHz: 0.25 s
    Execution e = Executions.rsu(new Task(2e6, 1e9, 1.0), 4e9, 2e7, settings.rsus());
    assertEquals(0.35, e.delaySeconds(), 1e-12);
    // E = 0.25 s * 5 W + 0.1 s * 1 W = 1.35 J
    assertEquals(1.35, e.energyJoules(), 1e-12);
  }

  @Test
  void energyUntilAbandonmentCountsOnlyWhatRan() {
    Execution e = new Execution(0.1, 0.5, 1.0, 5.0);
    assertEquals(0.05, e.energyUntil(0.05), 1e-12); // still transmitting
    assertEquals(0.1 + 0.2 * 5.0, e.energyUntil(0.3), 1e-12); // 0.2 s into the computation
    assertEquals(e.energyJoules(), e.energyUntil(10), 1e-12);
  }

  @Test
  void costOfEq13AndRewardOfEq15() {
    // (1 - 0.5) * 0.4 + 0.5 * 1.2 = 0.8
    assertEquals(0.8, settings.cost().cost(0.4, 1.2), 1e-12);
    // 0.1 * 0.25 - 0.5 * 0.4 - 0.5 * 1.2 - 1 * 0 = -0.775
    assertEquals(-0.775, settings.reward().reward(0.4, 1.2, false, 0.25), 1e-12);
    // a failure costs lambda3 = 1 more
    assertEquals(-1.775, settings.reward().reward(0.4, 1.2, true, 0.25), 1e-12);
  }
}
