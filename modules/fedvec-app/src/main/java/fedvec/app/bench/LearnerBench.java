package fedvec.app.bench;

import fedvec.cluster.settings.RunSpec;
import fedvec.cluster.settings.TrainingBatcherSettings;
import fedvec.cluster.vehicle.TrainingBatcher;
import fedvec.learning.ddpg.DdpgAgent;
import fedvec.learning.ddpg.DdpgShape;
import fedvec.learning.replay.Transition;
import fedvec.model.offload.OffloadAction;
import fedvec.model.random.SeedStreams;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Issue 6, cases a-c: one vehicle's DDPG update and actor forward pass, and K vehicles' updates one
 * after another, in one batched pass, and in passes over the cores as a node's training batcher
 * runs them, with the default networks and batch of {@code cluster-config/fedvec.conf}; and how
 * much the cores together add to one (thread scaling).
 */
final class LearnerBench {
  private static final int THREADS = Runtime.getRuntime().availableProcessors();

  private final RunSpec spec;
  private final TrainingBatcherSettings batching; // a node's, from cluster-config/node.conf
  private final boolean quick;

  LearnerBench(RunSpec spec, TrainingBatcherSettings batching, boolean quick) {
    this.spec = spec;
    this.batching = batching;
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
          String.format("%.1f MFLOP per update (matrix products; see updateFlops)", flops / 1e6));

      float[] observation = observation(new SplittableRandom(1), shape.observationSize());
      Stats forward =
          Stats.measure(
              quick ? 200 : 1_000, quick ? 1_000 : 10_000, () -> agent.act(observation, 1, false));
      report.timing("c. actor forward, 1 observation", forward, "us", "greedy action, no gradient");
    }
    ExecutorService passes = Executors.newFixedThreadPool(THREADS);
    TrainingBatcher batcher = new TrainingBatcher(batching.maxAgentsPerPass(), THREADS, passes);
    ExecutorService callers = Executors.newFixedThreadPool(THREADS);
    try {
      for (int k : quick ? new int[] {10} : new int[] {10, 50, 200}) {
        List<DdpgAgent> agents = new ArrayList<>();
        try {
          for (int i = 0; i < k; i++) {
            agents.add(filledAgent(i));
          }
          int warmup = quick ? 2 : 5;
          int iterations = quick ? 3 : 10;
          Stats alone =
              Stats.measure(warmup, iterations, () -> agents.forEach(DdpgAgent::update)).per(k);
          Stats together =
              Stats.measure(warmup, iterations, () -> DdpgAgent.updateTogether(agents)).per(k);
          Stats node =
              Stats.measure(warmup, iterations, () -> asTheNodeBatches(agents, batcher, callers))
                  .per(k);
          report.timing(
              "b. ddpg update, K=" + k + " one by one", alone, "ms", "per agent, one thread");
          report.timing(
              "b. ddpg update, K=" + k + " batched",
              together,
              "ms",
              "per agent, one pass, one thread");
          report.figure(
              "b. ddpg update, K=" + k + " one by one / batched",
              alone.medianNs() / together.medianNs(),
              "x",
              "one thread each, measured side by side above");
          report.timing(
              "b. ddpg update, K=" + k + " as the node batches",
              node,
              "ms",
              "per agent (wall), TrainingBatcher: passes of <= "
                  + batching.maxAgentsPerPass()
                  + " on "
                  + THREADS
                  + " threads");
        } finally {
          agents.forEach(DdpgAgent::close);
        }
      }
      threadScaling(report, passes);
    } finally {
      callers.shutdown();
      passes.shutdown();
    }
  }

  /**
   * A batched pass of 10 agents on one thread, then on every thread at once (a set of agents each):
   * how much the other cores add to one pass. The virtual CPUs of a cloud machine may share one
   * core's arithmetic units, so it can be well below the thread count.
   */
  private void threadScaling(BenchReport report, ExecutorService passes) {
    int k = 10;
    List<List<DdpgAgent>> sets = new ArrayList<>();
    try {
      for (int set = 0; set < THREADS; set++) {
        List<DdpgAgent> agents = new ArrayList<>();
        sets.add(agents);
        for (int i = 0; i < k; i++) {
          agents.add(filledAgent(set * k + i));
        }
      }
      int warmup = quick ? 2 : 5;
      int iterations = quick ? 3 : 10;
      Stats one =
          Stats.measure(warmup, iterations, () -> DdpgAgent.updateTogether(sets.get(0))).per(k);
      Stats every =
          Stats.measure(warmup, iterations, () -> onEveryThread(sets, passes)).per(k * THREADS);
      report.timing(
          "b. ddpg update, K=10 batched, every thread",
          every,
          "ms",
          "per agent (wall), a pass of 10 on each of " + THREADS + " threads at once");
      report.figure(
          "b. ddpg update, thread scaling",
          one.medianNs() / every.medianNs(),
          "x",
          "updates per second on " + THREADS + " threads over one thread (" + THREADS + ": ideal)");
    } finally {
      sets.forEach(agents -> agents.forEach(DdpgAgent::close));
    }
  }

  /** One batched pass per set, each on its own thread of {@code passes}, until all are done. */
  private static void onEveryThread(List<List<DdpgAgent>> sets, ExecutorService passes) {
    List<CompletableFuture<Void>> running =
        sets.stream()
            .map(
                agents ->
                    CompletableFuture.runAsync(() -> DdpgAgent.updateTogether(agents), passes))
            .toList();
    CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
  }

  /**
   * K vehicles asking a node's {@link TrainingBatcher} for their steps at once, from {@code
   * callers} (the training dispatcher's threads on a node); returns when every step is done.
   */
  private static void asTheNodeBatches(
      List<DdpgAgent> agents, TrainingBatcher batcher, ExecutorService callers) {
    List<CompletableFuture<Void>> steps =
        agents.stream()
            .map(
                agent ->
                    CompletableFuture.supplyAsync(() -> batcher.train(agent), callers)
                        .thenCompose(step -> step))
            .toList();
    CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new)).join();
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
   * Floating-point operations of one update (2 per multiply-add of the matrix products), per batch
   * row with A, C the multiply-adds of one actor, critic pass and A1, C1 those of their first
   * layers: target (A + C), critic step (forward C, weight gradients C, hidden gradients C - C1),
   * greedy target (actor forward A, three critic candidates 3C), actor step (critic forward C,
   * input gradient C, actor weight gradients A, hidden gradients A - A1): 4A - A1 + 9C - C1.
   */
  static double updateFlops(DdpgShape shape, int batch) {
    int[] actor = shape.actorSizes();
    int[] critic = shape.criticSizes();
    double macs =
        4 * macs(actor) - (double) actor[0] * actor[1] + 9 * macs(critic) - critic[0] * critic[1];
    return 2.0 * batch * macs;
  }

  private static double macs(int[] sizes) {
    double total = 0;
    for (int layer = 1; layer < sizes.length; layer++) {
      total += (double) sizes[layer - 1] * sizes[layer];
    }
    return total;
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
