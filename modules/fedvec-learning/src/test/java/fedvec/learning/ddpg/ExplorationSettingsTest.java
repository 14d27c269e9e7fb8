package fedvec.learning.ddpg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ExplorationSettingsTest {

  @Test
  void decaysLinearlyThenStays() {
    ExplorationSettings e = new ExplorationSettings(1.0, 0.1, 0.3, 0.05, 11);
    assertEquals(1.0, e.epsilon(1), 1e-12);
    assertEquals(0.55, e.epsilon(6), 1e-12);
    assertEquals(0.1, e.epsilon(11), 1e-12);
    assertEquals(0.1, e.epsilon(500), 1e-12);
    assertEquals(0.175, e.ratioNoise(6), 1e-12);
  }
}
