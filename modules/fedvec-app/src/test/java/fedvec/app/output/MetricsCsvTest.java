package fedvec.app.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fedvec.cluster.clock.EpisodeMetrics;
import fedvec.model.offload.SlotTally;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsCsvTest {

  @Test
  void headerStartsWithTheRunContractsColumns() {
    assertEquals(
        "episode,reward,total_cost,avg_delay_s,avg_energy_j,failed_tasks,tasks,local_share,av_share,"
            + "rsu_share,wall_ms",
        MetricsCsv.HEADER.substring(0, MetricsCsv.HEADER.indexOf(",round")));
    assertTrue(MetricsCsv.HEADER.endsWith(",round,deadline_misses"));
  }

  @Test
  void rowDerivesAveragesSharesAndPerVehicleReward() {
    // 8 tasks: 2 local, 2 assisted, 4 RSU; 10 vehicles
    SlotTally tally = new SlotTally(8, 1, 2.0, 4.0, 3.0, -5.0, 2, 2, 4);
    String row = MetricsCsv.row(new EpisodeMetrics(3, tally, 10, "committed", 2, 1234));
    assertEquals("3,-0.5,3.0,0.25,0.5,1,8,0.25,0.25,0.5,1234,committed,2", row);
  }

  @Test
  void finalCostAveragesTheLastTenPercentOfEpisodes() {
    List<EpisodeMetrics> episodes =
        java.util.stream.IntStream.rangeClosed(1, 20)
            .mapToObj(
                e ->
                    new EpisodeMetrics(
                        e, new SlotTally(1, 0, 0, 0, e, -e, 1, 0, 0), 2, "none", 0, 0))
            .toList();
    assertEquals(19.5, RunSummary.finalCost(episodes), 1e-12); // episodes 19 and 20
    assertEquals(-9.75, RunSummary.finalReward(episodes), 1e-12); // (-19 - 20) / 2 / 2
    assertEquals(1, RunSummary.tailLength(3));
    assertEquals(7.0, RunSummary.finalCost(episodes.subList(0, 7)), 1e-12);
  }
}
