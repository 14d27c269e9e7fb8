package fedvec.cluster.vehicle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fedvec.cluster.settings.FedvecConfig;
import fedvec.cluster.settings.RunSpec;
import fedvec.cluster.settings.RunSpecLoader;
import fedvec.learning.ddpg.DdpgAgent;
import fedvec.learning.replay.Transition;
import fedvec.model.random.SeedStreams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TrainingBatcherTest {
  private static final RunSpec SPEC = RunSpecLoader.load(FedvecConfig.load(null, null, Map.of()));

  private final List<DdpgAgent> agents = new ArrayList<>();
  private final List<Runnable> workers = new ArrayList<>(); // pass workers, run by hand

  @AfterEach
  void close() {
    agents.forEach(DdpgAgent::close);
  }

  @Test
  void requestsThatArriveWhileThePassWorkerIsBusyShareOnePass() {
    // given a node's batcher with one pass worker that has not started yet, and five vehicles
    TrainingBatcher batcher = new TrainingBatcher(16, 1, workers::add);
    List<CompletableFuture<Void>> steps = askAll(batcher, 5);
    // when the worker runs
    assertEquals(1, workers.size());
    assertTrue(steps.stream().noneMatch(CompletableFuture::isDone));
    workers.remove(0).run();
    // then one pass stepped all five, each agent's own parameters
    assertTrue(steps.stream().allMatch(step -> step.isDone() && !step.isCompletedExceptionally()));
    assertEquals(1, batcher.passes());
    assertEquals(5, batcher.requests());
    float[] start = SPEC.ddpgShape().initialParameters(SPEC.run().seed()).toArray();
    for (DdpgAgent agent : agents) {
      assertFalse(Arrays.equals(start, agent.parameters(0).toArray()));
    }
  }

  @Test
  void passesHoldAtMostMaxAgentsPerPassAndWorkersAreBounded() {
    // given passes of at most two agents and two workers
    TrainingBatcher batcher = new TrainingBatcher(2, 2, workers::add);
    List<CompletableFuture<Void>> steps = askAll(batcher, 5);
    // when both workers run
    assertEquals(2, workers.size());
    workers.forEach(Runnable::run);
    // then the first did every pass (2 + 2 + 1), the second found none waiting
    assertTrue(steps.stream().allMatch(CompletableFuture::isDone));
    assertEquals(3, batcher.passes());
    assertEquals(5, batcher.requests());
    // and a later request starts a worker again
    askAll(batcher, 1);
    assertEquals(3, workers.size());
  }

  @Test
  void aBatchedStepEqualsTheStepAlone() {
    // given two copies of three vehicles, one set stepped through the batcher, one alone
    TrainingBatcher batcher = new TrainingBatcher(16, 1, workers::add);
    askAll(batcher, 3);
    workers.remove(0).run();
    List<DdpgAgent> together = List.copyOf(agents);
    agents.clear();
    for (int v = 0; v < 3; v++) {
      filledAgent(v).update();
    }
    // then their parameters agree bit for bit
    for (int v = 0; v < 3; v++) {
      assertArrayEquals(
          agents.get(v).parameters(0).toArray(), together.get(v).parameters(0).toArray());
    }
    together.forEach(DdpgAgent::close);
  }

  private List<CompletableFuture<Void>> askAll(TrainingBatcher batcher, int count) {
    List<CompletableFuture<Void>> steps = new ArrayList<>();
    for (int v = 0; v < count; v++) {
      steps.add(batcher.train(filledAgent(agents.size())).toCompletableFuture());
    }
    return steps;
  }

  /** A vehicle's learner whose buffer holds a batch of made-up transitions. */
  private DdpgAgent filledAgent(int vehicle) {
    long seed = SPEC.run().seed();
    DdpgAgent agent =
        new DdpgAgent(
            SPEC.learning(),
            SPEC.exploration(),
            SPEC.ddpgShape(),
            SPEC.ddpgShape().initialParameters(seed),
            SeedStreams.stream(seed, "test-exploration", vehicle),
            SeedStreams.stream(seed, "test-replay", vehicle));
    agents.add(agent);
    SplittableRandom world = SeedStreams.stream(seed, "test-world", vehicle);
    int o = SPEC.ddpgShape().observationSize();
    for (int i = 0; i < SPEC.learning().batchSize(); i++) {
      float[] s = vector(world, o);
      float[] a = vector(world, SPEC.ddpgShape().actionSize());
      agent.observe(new Transition(s, a, (float) -world.nextDouble(), vector(world, o), false));
    }
    return agent;
  }

  private static float[] vector(SplittableRandom random, int size) {
    float[] v = new float[size];
    for (int i = 0; i < size; i++) {
      v[i] = (float) random.nextDouble();
    }
    return v;
  }
}
