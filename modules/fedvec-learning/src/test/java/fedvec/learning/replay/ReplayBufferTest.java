package fedvec.learning.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReplayBufferTest {

  private static Transition t(float reward) {
    return new Transition(
        new float[] {reward, 0}, new float[] {1}, reward, new float[] {0, reward}, false);
  }

  @Test
  void keepsTheNewestCapacityTransitions() {
    ReplayBuffer buffer = new ReplayBuffer(300, 2, 1);
    for (int i = 0; i < 1000; i++) {
      buffer.add(t(i));
    }
    assertEquals(300, buffer.size());
    Batch batch = buffer.sample(500, new SplittableRandom(1));
    for (int row = 0; row < batch.size(); row++) {
      float r = batch.rewards()[row];
      assertTrue(r >= 700 && r < 1000, "old transition " + r + " survived");
      // rows stay aligned across the arrays
      assertEquals(r, batch.states()[row * 2]);
      assertEquals(r, batch.nextStates()[row * 2 + 1]);
    }
  }

  @Test
  void samplingIsDeterministicPerStream() {
    ReplayBuffer buffer = new ReplayBuffer(100, 2, 1);
    for (int i = 0; i < 50; i++) {
      buffer.add(t(i));
    }
    assertEquals(
        java.util.Arrays.toString(buffer.sample(20, new SplittableRandom(3)).rewards()),
        java.util.Arrays.toString(buffer.sample(20, new SplittableRandom(3)).rewards()));
  }

  @Test
  void rejectsWrongDimensionsAndEmptySampling() {
    ReplayBuffer buffer = new ReplayBuffer(10, 2, 1);
    assertThrows(IllegalStateException.class, () -> buffer.sample(1, new SplittableRandom(1)));
    assertThrows(
        IllegalArgumentException.class,
        () -> buffer.add(new Transition(new float[3], new float[1], 0, new float[3], false)));
  }
}
