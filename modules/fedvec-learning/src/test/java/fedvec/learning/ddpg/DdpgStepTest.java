package fedvec.learning.ddpg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fedvec.learning.replay.ReplayBuffer;
import fedvec.learning.replay.Transition;
import fedvec.model.random.SeedStreams;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DdpgStepTest {
  private static final long SEED = 5;
  private static final DdpgShape SHAPE = new DdpgShape(16, 5, new int[] {64, 64});
  private static final DdpgSettings SETTINGS =
      new DdpgSettings(1e-3, 3e-3, 128, 50_000, 0.9, 0.01, new int[] {64, 64}, 1);
  private static final ExplorationSettings EXPLORATION =
      new ExplorationSettings(1.0, 0.1, 0.3, 0.05, 20);

  private static DdpgAgent agent(int vehicle) {
    return new DdpgAgent(
        SETTINGS,
        EXPLORATION,
        SHAPE,
        SHAPE.initialParameters(SEED),
        SeedStreams.stream(SEED, "explore", vehicle),
        SeedStreams.stream(SEED, "replay", vehicle));
  }

  /** {@code count} random transitions of vehicle {@code vehicle}'s made-up world. */
  private static List<Transition> experience(int vehicle, int count) {
    SplittableRandom world = SeedStreams.stream(SEED, "world", vehicle);
    List<Transition> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      float[] s = vector(world, 16);
      float[] a = vector(world, 5);
      a[0] = a[0] > 0.5f ? 1f : 0f;
      out.add(new Transition(s, a, (float) -world.nextDouble(), vector(world, 16), i % 50 == 49));
    }
    return out;
  }

  private static float[] vector(SplittableRandom random, int size) {
    float[] v = new float[size];
    for (int i = 0; i < size; i++) {
      v[i] = (float) random.nextDouble();
    }
    return v;
  }

  @Test
  void theHandWrittenStepMatchesDjlAutogradWithin1e5() {
    // given an agent and the textbook autograd learner, same start, same buffer, same stream
    List<Transition> experience = experience(0, 400);
    ReplayBuffer twin = new ReplayBuffer(50_000, 16, 5);
    SplittableRandom twinStream = SeedStreams.stream(SEED, "replay", 0);
    try (DdpgAgent agent = agent(0);
        AutogradReference reference =
            new AutogradReference(SETTINGS, SHAPE, SHAPE.initialParameters(SEED))) {
      experience.forEach(agent::observe);
      experience.forEach(twin::add);
      // when both take five steps on the same mini-batches
      for (int step = 0; step < 5; step++) {
        assertTrue(agent.update());
        reference.update(twin.sample(128, twinStream));
      }
      // then online networks and targets agree within 1e-5, and training moved them
      float[] expected = reference.onlineThenTargets();
      float[] actual = firstRows(agent, 2);
      float worst = 0;
      for (int i = 0; i < expected.length; i++) {
        worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
      }
      assertTrue(worst <= 1e-5f, "largest difference " + worst);
      float[] start = SHAPE.initialParameters(SEED).toArray();
      assertFalse(java.util.Arrays.equals(start, agent.parameters(0).toArray()));
    }
  }

  @Test
  void agentsSteppedTogetherEndBitForBitWhereEachAloneWould() {
    // given three agents with different experience, twice, and one agent whose buffer is short
    List<DdpgAgent> together = new ArrayList<>();
    List<DdpgAgent> alone = new ArrayList<>();
    try (DdpgAgent shortBuffer = agent(9)) {
      experience(9, 100).forEach(shortBuffer::observe);
      for (int v = 0; v < 3; v++) {
        together.add(agent(v));
        alone.add(agent(v));
        List<Transition> experience = experience(v, 200 + 50 * v);
        experience.forEach(together.get(v)::observe);
        experience.forEach(alone.get(v)::observe);
      }
      List<DdpgAgent> batch = new ArrayList<>(together);
      batch.add(1, shortBuffer);
      // when one set steps four times in one batched pass each, the other one agent at a time
      for (int step = 0; step < 4; step++) {
        assertEquals(3, DdpgAgent.updateTogether(batch));
        alone.forEach(DdpgAgent::update);
        // (acting between steps reads each agent's own row of the batched result)
        float[] observation = vector(new SplittableRandom(step), 16);
        for (int v = 0; v < 3; v++) {
          assertEquals(
              alone.get(v).act(observation, 1, false), together.get(v).act(observation, 1, false));
        }
      }
      // then every agent's parameters, targets and Adam moments are identical bit for bit
      for (int v = 0; v < 3; v++) {
        assertArrayEquals(firstRows(alone.get(v), 4), firstRows(together.get(v), 4), "agent " + v);
      }
      assertFalse(shortBuffer.ready());
    } finally {
      together.forEach(DdpgAgent::close);
      alone.forEach(DdpgAgent::close);
    }
  }

  private static float[] firstRows(DdpgAgent agent, int rows) {
    float[] state = agent.state().toFloatArray();
    return java.util.Arrays.copyOf(state, rows * SHAPE.parameterCount());
  }
}
