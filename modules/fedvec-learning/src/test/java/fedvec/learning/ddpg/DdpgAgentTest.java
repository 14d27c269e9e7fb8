package fedvec.learning.ddpg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fedvec.learning.parameters.ParameterVector;
import fedvec.learning.replay.Transition;
import fedvec.model.offload.OffloadAction;
import fedvec.model.offload.OffloadTarget;
import fedvec.model.random.SeedStreams;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DdpgAgentTest {
  private static final long SEED = 42;
  private static final DdpgShape SHAPE = new DdpgShape(16, 5, new int[] {64, 64});

  private static DdpgAgent agent(double actorLr, double criticLr, int vehicle) {
    DdpgSettings settings =
        new DdpgSettings(actorLr, criticLr, 128, 50_000, 0.0, 0.01, new int[] {64, 64}, 1);
    ExplorationSettings exploration = new ExplorationSettings(1.0, 0.1, 0.3, 0.05, 20);
    return new DdpgAgent(
        settings,
        exploration,
        SHAPE,
        SHAPE.initialParameters(SEED),
        SeedStreams.stream(SEED, "explore", vehicle),
        SeedStreams.stream(SEED, "replay", vehicle));
  }

  /**
   * A one-step task: RSU when feature 0 is high, local otherwise; the compute ratio should be 0.8.
   */
  private static float reward(float[] s, OffloadAction a) {
    OffloadTarget best = s[0] > 0.5f ? OffloadTarget.RSU : OffloadTarget.LOCAL;
    return (a.target() == best ? 1f : 0f) - (float) Math.abs(a.computeRatio() - 0.8);
  }

  private static float[] observation(SplittableRandom random) {
    float[] s = new float[16];
    for (int i = 0; i < s.length; i++) {
      s[i] = (float) random.nextDouble();
    }
    return s;
  }

  @Test
  void learnsAContextualBanditWithTheHybridAction() {
    // given a learner with Table I's actor rate and a faster critic, so the check stays short
    try (DdpgAgent agent = agent(1e-4, 1e-3, 0)) {
      SplittableRandom world = new SplittableRandom(7);
      long start = System.nanoTime();
      int updates = 0;
      // when it acts, observes and trains for 3,000 steps
      for (int step = 0; step < 3_000; step++) {
        float[] s = observation(world);
        OffloadAction a = agent.act(s, 1 + step / 50, true);
        agent.observe(new Transition(s, a.toVector(), reward(s, a), observation(world), true));
        updates += agent.update() ? 1 : 0;
      }
      double msPerUpdate = (System.nanoTime() - start) / 1e6 / updates;
      System.out.printf("DDPG bandit: %d updates, %.2f ms per act+update%n", updates, msPerUpdate);

      // then the greedy policy picks the right target and a ratio near 0.8
      int right = 0;
      double ratioError = 0;
      for (int i = 0; i < 200; i++) {
        float[] s = observation(world);
        OffloadAction a = agent.act(s, 1000, false);
        right += (a.target() == (s[0] > 0.5f ? OffloadTarget.RSU : OffloadTarget.LOCAL)) ? 1 : 0;
        ratioError += Math.abs(a.computeRatio() - 0.8) / 200;
      }
      assertTrue(right >= 180, "right targets: " + right + "/200");
      assertTrue(ratioError < 0.15, "mean |ratio - 0.8| = " + ratioError);
    }
  }

  @Test
  void sameSeedsGiveBitIdenticalParameters() {
    // given two learners with the same streams, fed the same experience
    try (DdpgAgent a = agent(1e-4, 3e-4, 3);
        DdpgAgent b = agent(1e-4, 3e-4, 3)) {
      SplittableRandom world = new SplittableRandom(11);
      for (int step = 0; step < 200; step++) {
        float[] s = observation(world);
        OffloadAction actionA = a.act(s, 1, true);
        OffloadAction actionB = b.act(s, 1, true);
        assertEquals(actionA, actionB);
        Transition t = new Transition(s, actionA.toVector(), reward(s, actionA), s, false);
        a.observe(t);
        b.observe(t);
        a.update();
        b.update();
      }
      // then their parameters are equal bit for bit, and training moved them
      assertArrayEquals(a.parameters(1).toArray(), b.parameters(1).toArray());
      assertNotEquals(SHAPE.initialParameters(SEED).withVersion(1), a.parameters(1));
    }
  }

  @Test
  void loadReplacesTheOnlineNetworksExactly() {
    // given an agent and a different model
    try (DdpgAgent agent = agent(1e-4, 3e-4, 0)) {
      ParameterVector other = SHAPE.initialParameters(SEED + 1);
      // when loaded
      agent.load(other);
      // then it exports exactly that model, and layout and size agree
      assertArrayEquals(other.toArray(), agent.parameters(0).toArray());
      assertEquals(other.size(), agent.layout().totalSize());
      assertEquals("actor/01Linear_weight", agent.layout().entries().get(0).name());
    }
  }
}
