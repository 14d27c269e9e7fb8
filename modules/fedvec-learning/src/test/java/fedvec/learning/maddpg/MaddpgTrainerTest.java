package fedvec.learning.maddpg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fedvec.learning.ddpg.DdpgSettings;
import fedvec.learning.ddpg.DdpgShape;
import fedvec.learning.ddpg.ExplorationSettings;
import fedvec.model.offload.OffloadAction;
import fedvec.model.offload.OffloadTarget;
import fedvec.model.random.SeedStreams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MaddpgTrainerTest {
  private static final long SEED = 5;
  private static final int AGENTS = 3;
  private static final DdpgShape SHAPE = new DdpgShape(16, 5, new int[] {64, 64});
  private static final ExplorationSettings EXPLORATION =
      new ExplorationSettings(1.0, 0.1, 0.3, 0.05, 300);

  private static MaddpgTrainer trainer() {
    DdpgSettings settings =
        new DdpgSettings(1e-4, 1e-3, 32, 50_000, 0.0, 0.01, new int[] {64, 64}, 1);
    float[] actor =
        Arrays.copyOf(SHAPE.initialParameters(SEED).toArray(), SHAPE.actorParameterCount());
    return new MaddpgTrainer(settings, SHAPE, AGENTS, actor, SEED);
  }

  private static List<CentralActor> vehicles() {
    float[] actor =
        Arrays.copyOf(SHAPE.initialParameters(SEED).toArray(), SHAPE.actorParameterCount());
    List<CentralActor> vehicles = new ArrayList<>();
    for (int i = 0; i < AGENTS; i++) {
      vehicles.add(
          new CentralActor(
              SHAPE.actorSizes(), actor, EXPLORATION, SeedStreams.stream(SEED, "explore", i)));
    }
    return vehicles;
  }

  /** Vehicle i should offload to the RSU when its own feature 0 is high, run locally otherwise. */
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

  /** One one-slot episode: every vehicle acts with its current actor; returns the experiences. */
  private static List<Experience> episode(
      List<CentralActor> vehicles, int episode, SplittableRandom world) {
    List<Experience> experiences = new ArrayList<>();
    for (int i = 0; i < AGENTS; i++) {
      float[] s = observation(world);
      OffloadAction a = vehicles.get(i).act(s, episode, true);
      experiences.add(new Experience(i, 0, s, a.toVector(), reward(s, a)));
    }
    return experiences;
  }

  @Test
  void trainsEveryVehiclesActorFromTheirExperiencesAlone() {
    // given vehicles that only execute and a central learner that only sees their experiences
    List<CentralActor> vehicles = vehicles();
    try (MaddpgTrainer trainer = trainer()) {
      SplittableRandom world = new SplittableRandom(9);
      long start = System.nanoTime();
      int updates = 0;
      // when, episode after episode, the experiences go up and the trained actors come back down
      for (int e = 1; e <= 1_500; e++) {
        trainer.addEpisode(1, episode(vehicles, e, world));
        updates += trainer.train(1);
        for (int i = 0; i < AGENTS; i++) {
          vehicles.get(i).load(trainer.actor(i, e));
        }
      }
      System.out.printf(
          "MADDPG bandit: %d updates, %.2f ms per update%n",
          updates, (System.nanoTime() - start) / 1e6 / updates);
      // then every vehicle's greedy actor picks the right target and a ratio near 0.8
      for (int i = 0; i < AGENTS; i++) {
        int right = 0;
        double ratioError = 0;
        for (int k = 0; k < 200; k++) {
          float[] s = observation(world);
          OffloadAction a = vehicles.get(i).act(s, 10_000, false);
          right += (a.target() == (s[0] > 0.5f ? OffloadTarget.RSU : OffloadTarget.LOCAL)) ? 1 : 0;
          ratioError += Math.abs(a.computeRatio() - 0.8) / 200;
        }
        assertTrue(right >= 170, "vehicle " + i + " right targets: " + right + "/200");
        assertTrue(ratioError < 0.2, "vehicle " + i + " mean |ratio - 0.8| = " + ratioError);
      }
    } finally {
      vehicles.forEach(CentralActor::close);
    }
  }

  @Test
  void sameSeedAndExperiencesGiveBitIdenticalActors() {
    List<CentralActor> vehicles = vehicles();
    try (MaddpgTrainer a = trainer();
        MaddpgTrainer b = trainer()) {
      SplittableRandom world = new SplittableRandom(3);
      for (int e = 1; e <= 60; e++) {
        List<Experience> experiences = episode(vehicles, e, world);
        a.addEpisode(1, experiences);
        List<Experience> reversed = new ArrayList<>(experiences);
        java.util.Collections.reverse(reversed);
        b.addEpisode(1, reversed); // arrival order does not matter
        assertEquals(a.train(1), b.train(1));
      }
      for (int i = 0; i < AGENTS; i++) {
        assertArrayEquals(a.actor(i, 1).toArray(), b.actor(i, 1).toArray());
      }
      // and training moved the actors away from the common start
      float[] initial =
          Arrays.copyOf(SHAPE.initialParameters(SEED).toArray(), SHAPE.actorParameterCount());
      assertNotEquals(Arrays.toString(initial), Arrays.toString(a.actor(0, 1).toArray()));
    } finally {
      vehicles.forEach(CentralActor::close);
    }
  }

  @Test
  void jointReplayLinksSlotsAndKeepsOnlySlotsWhereSomebodyActed() {
    JointReplay replay = new JointReplay(2, 1, 5, 10);
    float[] act = {1, 0, 0, 0.5f, 0.5f};
    replay.addEpisode(
        3,
        List.of(
            new Experience(1, 0, new float[] {0.1f}, act, -1f),
            new Experience(0, 0, new float[] {0.2f}, null, 0f),
            new Experience(0, 1, new float[] {0.3f}, null, 0f), // nobody acts in slot 1
            new Experience(0, 2, new float[] {0.4f}, act, -2f)));
    assertEquals(2, replay.size());
    List<JointReplay.JointSlot> both = replay.sample(50, new SplittableRandom(2));
    JointReplay.JointSlot slot0 = both.stream().filter(s -> !s.done()).findFirst().orElseThrow();
    assertArrayEquals(new float[] {0.2f, 0.1f}, slot0.observations());
    assertArrayEquals(new boolean[] {false, true}, slot0.acted());
    assertArrayEquals(new float[] {0f, -1f}, slot0.rewards());
    assertArrayEquals(new float[] {0.3f, 0f}, slot0.next().observations());
    assertTrue(slot0.next().next().done());
    // an experience that does not fit is refused, naming the vehicle
    assertThrows(
        IllegalArgumentException.class,
        () -> replay.addEpisode(3, List.of(new Experience(2, 0, new float[] {1}, null, 0))));
  }
}
