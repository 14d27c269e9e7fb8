package fedvec.cluster.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

  private static List<String> withoutWallTime(List<EpisodeMetrics> episodes) {
    return episodes.stream().map(e -> e.episode() + " " + e.tally() + " " + e.round()).toList();
  }
}
