package fedvec.model.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TaskGeneratorTest {
  private final TaskSettings settings = new TaskSettings(0.8, 0.5e6, 2e6, 0.2e9, 1e9, 0.5, 1.0);

  @Test
  void tasksDependOnlyOnSeedVehicleEpisodeAndSlot() {
    TaskGenerator a = new TaskGenerator(settings, 11);
    TaskGenerator b = new TaskGenerator(settings, 11);
    // asked in a different order, the answers are the same
    Optional<Task> late = b.taskFor(3, 2, 50);
    for (int slot = 0; slot < 50; slot++) {
      assertEquals(a.taskFor(3, 2, slot), b.taskFor(3, 2, slot));
    }
    assertEquals(late, a.taskFor(3, 2, 50));
  }

  @Test
  void tasksFallInTheirRangesAtTheConfiguredRate() {
    TaskGenerator g = new TaskGenerator(settings, 5);
    int generated = 0;
    for (int slot = 0; slot < 10_000; slot++) {
      Optional<Task> task = g.taskFor(1, 1, slot);
      if (task.isPresent()) {
        generated++;
        Task t = task.get();
        assertTrue(t.dataBits() >= 0.5e6 && t.dataBits() < 2e6);
        assertTrue(t.demandCycles() >= 0.2e9 && t.demandCycles() < 1e9);
        assertTrue(t.deadlineSeconds() >= 0.5 && t.deadlineSeconds() < 1.0);
      }
    }
    assertEquals(0.8, generated / 10_000.0, 0.015);
    assertTrue(
        new TaskGenerator(new TaskSettings(0, 1, 1, 1, 1, 1, 1), 5).taskFor(0, 1, 0).isEmpty());
  }
}
