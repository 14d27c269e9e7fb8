package fedvec.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run contract, checked on the real command in a fresh JVM. */
class RunCommandIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void aShortRunWritesEveryOutputOfTheContract() throws Exception {
    // when a short HAFMADDPG run completes
    FedvecProcess.Result result =
        FedvecProcess.run(
            dir,
            5,
            "run",
            "--episodes",
            "4",
            "--slots",
            "15",
            "--seed",
            "3",
            "--out",
            "out",
            "--set",
            "learning.batch-size=16");
    assertEquals(0, result.exitCode(), result.output());
    Path out = dir.resolve("out");

    // then metrics.csv has the contract's columns and one row per episode
    List<String> metrics = Files.readAllLines(out.resolve("metrics.csv"));
    assertTrue(
        metrics
            .get(0)
            .startsWith(
                "episode,reward,total_cost,avg_delay_s,avg_energy_j,failed_tasks,tasks,local_share,"
                    + "av_share,rsu_share,wall_ms"));
    assertEquals(5, metrics.size());

    // aggregation.jsonl: one object per aggregation at every RSU with vehicles and at the BS
    List<JsonNode> aggregations =
        Files.readAllLines(out.resolve("aggregation.jsonl")).stream()
            .map(FedvecProcessJson::parse)
            .toList();
    assertEquals(4, aggregations.stream().filter(a -> a.get("tier").asText().equals("bs")).count());
    assertTrue(
        aggregations.stream().filter(a -> a.get("tier").asText().equals("rsu")).count() >= 4);
    for (JsonNode a : aggregations) {
      for (String field :
          List.of(
              "round", "tier", "actor", "contributors", "perf", "weights", "param_norm", "bytes")) {
        assertTrue(a.has(field), field + " missing in " + a);
      }
      double weights = 0;
      for (JsonNode w : a.get("weights")) {
        weights += w.asDouble();
      }
      assertEquals(1.0, weights, 1e-9, "weights of " + a);
      assertTrue(a.get("bytes").asLong() > 0);
    }

    // summary.json names what ran and how it ended
    JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
    assertEquals("hafmaddpg", summary.get("scenario").asText());
    assertEquals("hafmaddpg", summary.get("algorithm").asText());
    assertEquals(3, summary.get("seed").asLong());
    assertEquals(10, summary.get("vehicles").asInt());
    assertEquals(4, summary.get("episodes").asInt());
    double lastCost = Double.parseDouble(metrics.get(4).split(",")[2]);
    assertEquals(lastCost, summary.get("final_cost").asDouble(), 1e-9);
    assertTrue(summary.get("wall_seconds").asDouble() > 0);

    // plots are real images; run.log has the actors' lines with their paths
    for (String plot : List.of("reward.png", "cost.png")) {
      BufferedImage image = ImageIO.read(out.resolve("plots").resolve(plot).toFile());
      assertTrue(image.getWidth() >= 800 && image.getHeight() >= 400, plot);
    }
    String log = Files.readString(out.resolve("run.log"));
    assertTrue(log.contains("pekko://fedvec/system/sharding/Rsu/"), "actor paths in run.log");
    assertTrue(result.output().contains("final_cost"), result.output());
  }

  @Test
  void poisonedUpdatesAreRejectedCountedAndNeverStopTheRun() throws Exception {
    // given 2 of 10 vehicles that upload NaN models every round
    FedvecProcess.Result result =
        FedvecProcess.run(
            dir,
            5,
            "run",
            "--quiet",
            "--episodes",
            "3",
            "--slots",
            "10",
            "--out",
            "out",
            "--set",
            "faults.share=0.2",
            "--set",
            "faults.kind=nan",
            "--set",
            "learning.batch-size=8");
    assertEquals(0, result.exitCode(), result.output());
    // then each of their uploads is rejected before aggregation and counted, and every round
    // commits
    JsonNode summary = JSON.readTree(dir.resolve("out/summary.json").toFile());
    assertEquals(6, summary.get("rejected_updates").get("not-finite").asInt());
    assertEquals(3, summary.get("rounds_committed").asInt());
    for (String line : Files.readAllLines(dir.resolve("out/aggregation.jsonl"))) {
      JsonNode record = FedvecProcessJson.parse(line);
      assertTrue(
          record.get("param_norm").asDouble() >= 0
              && Double.isFinite(record.get("param_norm").asDouble()));
    }
    for (String row : Files.readAllLines(dir.resolve("out/metrics.csv")).subList(1, 4)) {
      assertFalse(row.contains("NaN"), row);
    }
  }

  @Test
  void aClusterRunWithoutEnoughNodesFailsAtItsDeadlineWithAClearError() throws Exception {
    FedvecProcess.Result result =
        FedvecProcess.run(
            dir,
            2,
            "run",
            "--cluster",
            "--min-nodes",
            "2",
            "--join-timeout",
            "5",
            "--port",
            Integer.toString(FedvecProcess.freePort()),
            "--management-port",
            "0",
            "--quiet",
            "--out",
            "out");
    assertEquals(1, result.exitCode(), result.output());
    assertTrue(
        result.output().contains("only 1 of 2 nodes were Up and hosting within PT5S"),
        result.output());
    assertFalse(Files.exists(dir.resolve("out")));
  }

  @Test
  void badInputInAFreshJvmExitsWithTwoAndLeavesNoOutput() throws Exception {
    FedvecProcess.Result result =
        FedvecProcess.run(dir, 2, "run", "--episodes", "0", "--out", "out");
    assertEquals(2, result.exitCode(), result.output());
    assertTrue(result.output().contains("--episodes: must be a positive integer, got 0"));
    try (Stream<Path> entries = Files.list(dir)) {
      assertFalse(entries.anyMatch(p -> p.getFileName().toString().contains("out")));
    }
  }
}
