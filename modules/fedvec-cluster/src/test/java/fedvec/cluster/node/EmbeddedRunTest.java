package fedvec.cluster.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fedvec.cluster.clock.EpisodeMetrics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddedRunTest {

  @Test
  void hafmaddpgRunsEpisodesAndCommitsEveryRound() throws Exception {
    // given a short HAFMADDPG run with every message serialised
    Map<String, String> run =
        Map.of(
            "run.episodes", "3",
            "run.slots-per-episode", "8",
            "run.seed", "5",
            "learning.batch-size", "8");
    // when it runs on one embedded node
    List<EpisodeMetrics> episodes = EmbeddedRuns.run(run);
    // then every episode reports its tasks and ends with a committed round
    assertEquals(3, episodes.size());
    for (EpisodeMetrics e : episodes) {
      assertTrue(e.tally().tasks() > 0, "tasks in episode " + e.episode());
      assertEquals(e.tally().tasks(), e.tally().local() + e.tally().assisted() + e.tally().rsu());
      assertEquals("committed", e.round());
    }
  }

  @Test
  void sameSeedGivesIdenticalMetrics() throws Exception {
    // given two runs with the same seed (training and aggregation included)
    Map<String, String> run =
        Map.of(
            "run.episodes", "3",
            "run.slots-per-episode", "10",
            "run.seed", "9",
            "learning.batch-size", "16");
    // when both run
    List<EpisodeMetrics> first = EmbeddedRuns.run(run);
    List<EpisodeMetrics> second = EmbeddedRuns.run(run);
    // then the metrics are identical apart from wall time
    assertEquals(withoutWallTime(first), withoutWallTime(second));
  }

  @Test
  void batchedTrainingGivesTheMetricsOfEachVehicleTrainingAlone() throws Exception {
    // given the same run with the node's training batcher on (the default) and off
    Map<String, String> batched =
        Map.of(
            "run.episodes", "3",
            "run.slots-per-episode", "12",
            "run.seed", "3",
            "learning.batch-size", "8");
    Map<String, String> alone = new java.util.HashMap<>(batched);
    alone.put("run.batched-training", "off");
    // when both run (every vehicle trains in every slot from its eighth task on)
    List<EpisodeMetrics> together = EmbeddedRuns.run(batched);
    List<EpisodeMetrics> separate = EmbeddedRuns.run(alone);
    // then every metric is identical, and training did change the policies (episode 3 differs
    // from an untrained run's)
    assertEquals(withoutWallTime(separate), withoutWallTime(together));
    Map<String, String> untrained = new java.util.HashMap<>(batched);
    untrained.put("learning.train-every-slots", "1000");
    assertNotEquals(
        withoutWallTime(EmbeddedRuns.run(untrained)).get(2), withoutWallTime(together).get(2));
  }

  @Test
  void maddpgTrainsCentrallyAndTheTrainedActorsReachTheVehicles() throws Exception {
    // given centralized MADDPG runs: two alike, one whose central learner moves the actors faster
    Map<String, String> run =
        Map.of(
            "run.algorithm", "maddpg",
            "run.episodes", "4",
            "run.slots-per-episode", "10",
            "run.seed", "4",
            "learning.batch-size", "8");
    Map<String, String> faster = new java.util.HashMap<>(run);
    faster.put("learning.actor-learning-rate", "1e-2");
    // when they run
    List<EpisodeMetrics> first = EmbeddedRuns.run(run);
    List<EpisodeMetrics> second = EmbeddedRuns.run(run);
    List<EpisodeMetrics> other = EmbeddedRuns.run(faster);
    // then every round commits and the same seed gives the same metrics
    first.forEach(e -> assertEquals("committed", e.round()));
    assertEquals(withoutWallTime(first), withoutWallTime(second));
    // and the vehicles act on what the base station trained: the first episode (common initial
    // actors) is the same, later ones differ with the central learner's actor learning rate alone
    assertEquals(withoutWallTime(first).get(0), withoutWallTime(other).get(0));
    assertNotEquals(withoutWallTime(first).subList(1, 4), withoutWallTime(other).subList(1, 4));
  }

  private static List<String> withoutWallTime(List<EpisodeMetrics> episodes) {
    return episodes.stream().map(e -> e.episode() + " " + e.tally() + " " + e.round()).toList();
  }
}
