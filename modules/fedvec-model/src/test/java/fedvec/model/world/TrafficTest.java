package fedvec.model.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fedvec.model.ScenarioSettings;
import fedvec.model.Scenarios;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrafficTest {
  private final ScenarioSettings s = Scenarios.hafmaddpg(30);

  private Traffic traffic(long seed, int episode) {
    return Traffic.of(s.road(), s.vehicles(), s.rsuLayout(), seed, episode, 100);
  }

  @Test
  void rsusAreEvenlySpacedAndServeTheNearestVehicles() {
    RsuLayout layout = s.rsuLayout();
    assertEquals(125.0, layout.positionM(0));
    assertEquals(875.0, layout.positionM(3));
    assertEquals(0, layout.nearest(250.0)); // a tie goes to the lower id
    assertEquals(3, layout.nearest(999.0));
  }

  @Test
  void sameSeedSameTrafficAndKinematicsStayWithinBounds() {
    Traffic a = traffic(7, 3);
    Traffic b = traffic(7, 3);
    for (int v = 0; v < 30; v++) {
      for (int t = 0; t < 100; t++) {
        Kinematics k = a.kinematics(v, t);
        assertEquals(k, b.kinematics(v, t));
        assertTrue(k.positionM() >= 0 && k.positionM() < 1000);
        assertTrue(k.speedMps() >= 10 && k.speedMps() <= 20);
        assertTrue(Math.abs(k.accelerationMps2()) <= 1.0);
      }
    }
    assertNotEquals(a.kinematics(0, 0), traffic(8, 3).kinematics(0, 0));
    assertNotEquals(a.kinematics(0, 0), traffic(7, 4).kinematics(0, 0));
  }

  @Test
  void vehiclesMoveBySpeedTimesSlot() {
    Traffic t = traffic(1, 1);
    Kinematics now = t.kinematics(5, 10);
    Kinematics next = t.kinematics(5, 11);
    assertEquals((now.positionM() + now.speedMps()) % 1000, next.positionM(), 1e-9);
  }

  @Test
  void cellsPartitionTheVehiclesAndAssistantsAreInRangeAndInTheCell() {
    Traffic t = traffic(3, 1);
    for (int slot = 0; slot < 100; slot += 7) {
      List<Integer> all = new ArrayList<>();
      for (int r = 0; r < 4; r++) {
        all.addAll(t.members(r, slot));
      }
      all.sort(Integer::compare);
      assertEquals(30, all.size());
      for (int v = 0; v < 30; v++) {
        assertEquals(v, all.get(v));
        int a = t.assistant(v, slot, 150);
        if (a >= 0) {
          assertTrue(
              Math.abs(t.kinematics(a, slot).positionM() - t.kinematics(v, slot).positionM())
                  <= 150);
          assertEquals(t.servingRsu(v, slot), t.servingRsu(a, slot));
        }
      }
    }
  }
}
