package fedvec.app.bench;

import fedvec.cluster.settings.RunSpec;
import fedvec.learning.ddpg.DdpgAgent;
import fedvec.learning.ddpg.DdpgShape;
import fedvec.learning.replay.Transition;
import fedvec.model.offload.OffloadAction;
import fedvec.model.random.SeedStreams;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Issue 6, cases a-c: one vehicle's DDPG update and actor forward pass, and K vehicles' updates one
 * after another, with the default networks and batch of {@code cluster-config/fedvec.conf}.
 */
final class LearnerBench {
  private final RunSpec spec;
  private final boolean quick;

  LearnerBench(RunSpec spec, boolean quick) {
    this.spec = spec;
    this.quick = quick;
  }

  void run(BenchReport report) {
    DdpgShape shape = spec.ddpgShape();
    double flops = updateFlops(shape, spec.learning().batchSize());
    try (DdpgAgent agent = filledAgent(0)) {
      Stats update = Stats.measure(quick ? 20 : 100, quick ? 50 : 500, agent::update);
      report.timing(
          "a. ddpg update, 1 agent",
          update,
          "ms",
          "batch " + spec.learning().batchSize() + ", " + layers(shape));
      report.figure(
          "a. ddpg update, achieved",
          flops / update.medianNs(),
          "GFLOP/s",
          String.format("%.1f MFLOP per update (5 actor + 10 critic passes per row)", flops / 1e6));

      float[] observation = observation(new SplittableRandom(1), shape.observationSize());
      Stats forward =
          Stats.measure(
              quick ? 200 : 1_000, quick ? 1_000 : 10_000, () -> agent.act(observation, 1, false));
      report.timing("c. actor forward, 1 observation", forward, "us", "greedy action, no gradient");
    }
    for (int k : quick ? new int[] {10} : new int[] {10, 50, 200}) {
      List<DdpgAgent> agents = new ArrayList<>();
      try {
        for (int i = 0; i < k; i++) {
          agents.add(filledAgent(i));
        }
        Stats round =
            Stats.measure(quick ? 2 : 5, quick ? 3 : 10, () -> agents.forEach(DdpgAgent::update));
        report.timing(
            "b. ddpg update, K=" + k + " one by one", round.per(k), "ms", "per agent, one thread");
      } finally {
        agents.forEach(DdpgAgent::close);
      }
      report.figure(
          "b. ddpg update, K=" + k + " batched",
          Double.NaN,
          "ms",
          "not built yet: batched training is issue 6, requirement 2");
    }
  }

  /** A vehicle's learner whose buffer holds enough random transitions to train. */
  private DdpgAgent filledAgent(int vehicle) {
    DdpgShape shape = spec.ddpgShape();
    long seed = spec.run().seed();
    DdpgAgent agent =
        new DdpgAgent(
            spec.learning(),
            spec.exploration(),
            shape,
            shape.initialParameters(seed),
            SeedStreams.stream(seed, "bench-exploration", vehicle),
            SeedStreams.stream(seed, "bench-replay", vehicle));
    SplittableRandom world = SeedStreams.stream(seed, "bench-world", vehicle);
    for (int i = 0; i < 4 * spec.learning().batchSize(); i++) {
      float[] s = observation(world, shape.observationSize());
      OffloadAction a = agent.act(s, 1, true);
      agent.observe(
          new Transition(
              s,
              a.toVector(),
              (float) -world.nextDouble(),
              observation(world, shape.observationSize()),
              false));
    }
    return agent;
  }

  /**
   * Floating-point operations of one update: per batch row, the target (actor and critic forward),
   * the critic step (forward, backward twice its cost), the greedy target (actor forward, three
   * critic forwards) and the actor step (actor and critic forward and backward): 5 actor passes and
   * 10 critic passes of 2 · in · out per layer.
   */
  static double updateFlops(DdpgShape shape, int batch) {
    return batch * (5.0 * passFlops(shape.actorSizes()) + 10.0 * passFlops(shape.criticSizes()));
  }

  private static double passFlops(int[] sizes) {
    double flops = 0;
    for (int layer = 1; layer < sizes.length; layer++) {
      flops += 2.0 * sizes[layer - 1] * sizes[layer];
    }
    return flops;
  }

  private static String layers(DdpgShape shape) {
    return "actor " + join(shape.actorSizes()) + ", critic " + join(shape.criticSizes());
  }

  private static String join(int[] sizes) {
    StringBuilder s = new StringBuilder();
    for (int size : sizes) {
      s.append(s.isEmpty() ? "" : "-").append(size);
    }
    return s.toString();
  }

  private static float[] observation(SplittableRandom random, int size) {
    float[] s = new float[size];
    for (int i = 0; i < size; i++) {
      s[i] = (float) random.nextDouble();
    }
    return s;
  }
}
