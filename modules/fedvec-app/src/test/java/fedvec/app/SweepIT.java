package fedvec.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweeps and the paper's experiments, on the real command in a fresh JVM. */
class SweepIT {
  @TempDir Path dir;

  private static final String[] SWEEP = {
    "sweep", "--param", "vehicles=12,24", "--algorithms", "hafmaddpg,maddpg", "--seeds", "1",
    "--episodes", "2", "--slots", "10", "--out", "s", "--quiet"
  };

  @Test
  void aSweepComparesAlgorithmsAndResumesWithoutRedoingFinishedRuns() throws Exception {
    // when a sweep over 2 vehicle counts x 2 algorithms runs
    FedvecProcess.Result result = FedvecProcess.run(dir, 10, SWEEP);
    assertEquals(0, result.exitCode(), result.output());
    Path sweep = dir.resolve("s");

    // then results.csv has one row per value x algorithm x seed, and the plots are images
    Map<String, String[]> rows = rows(sweep);
    assertEquals(4, rows.size(), rows.keySet().toString());
    for (String plot : List.of("final_cost.png", "final_reward.png", "bytes_to_bs.png")) {
      BufferedImage image = ImageIO.read(sweep.resolve("plots").resolve(plot).toFile());
      assertTrue(image.getWidth() >= 800, plot);
    }
    // the bytes reaching the base station: the federated models do not grow with the vehicles
    // (every
    // RSU has vehicles at both counts),
    // the centralized learner's experiences do
    double fedSmall = bytesToBs(rows, "12", "hafmaddpg");
    double fedLarge = bytesToBs(rows, "24", "hafmaddpg");
    double centralSmall = bytesToBs(rows, "12", "maddpg");
    double centralLarge = bytesToBs(rows, "24", "maddpg");
    assertTrue(fedLarge / fedSmall < 1.1, fedSmall + " -> " + fedLarge);
    assertTrue(centralLarge / centralSmall > 1.6, centralSmall + " -> " + centralLarge);

    // when one run is lost and the same sweep runs again
    Path kept = sweep.resolve("runs/12/hafmaddpg/seed-1/summary.json");
    FileTime keptTime = Files.getLastModifiedTime(kept);
    Path lost = sweep.resolve("runs/24/maddpg/seed-1");
    deleteTree(lost);
    FedvecProcess.Result resumed = FedvecProcess.run(dir, 10, SWEEP);

    // then only that run is redone, and results.csv is whole again with the same numbers (bytes
    // within a few: serialized actor references carry the node's port)
    assertEquals(0, resumed.exitCode(), resumed.output());
    assertTrue(Files.exists(lost.resolve("summary.json")));
    assertEquals(keptTime, Files.getLastModifiedTime(kept));
    Map<String, String[]> again = rows(sweep);
    assertEquals(4, again.size());
    for (String key : rows.keySet()) {
      assertEquals(
          List.of(rows.get(key)).subList(0, 9), List.of(again.get(key)).subList(0, 9), key);
      assertEquals(
          Double.parseDouble(rows.get(key)[9]), Double.parseDouble(again.get(key)[9]), 100, key);
    }

    // and another sweep may not reuse the directory
    FedvecProcess.Result other =
        FedvecProcess.run(
            dir, 2, "sweep", "--param", "rsus=2,3", "--out", "s", "--episodes", "1", "--quiet");
    assertEquals(2, other.exitCode(), other.output());
    assertTrue(other.output().contains("--out"), other.output());
  }

  @Test
  void badSweepInputExitsWithTwoAndWritesNothing() throws Exception {
    for (List<String> flags :
        List.of(
            List.of("--param", "vehicles"),
            List.of("--param", "vehicles=4,x"),
            List.of("--param", "vehicles=4", "--algorithms", "hafmaddpg,nope"),
            List.of("--param", "scenario.nope=1"))) {
      String[] args =
          java.util.stream.Stream.concat(
                  java.util.stream.Stream.of("sweep", "--out", "bad"), flags.stream())
              .toArray(String[]::new);
      FedvecProcess.Result result = FedvecProcess.run(dir, 2, args);
      assertEquals(2, result.exitCode(), flags + ": " + result.output());
      assertFalse(Files.exists(dir.resolve("bad")), flags + " left output behind");
    }
  }

  @Test
  void reproduceQuickWritesTheFigureAndItsTable() throws Exception {
    // when the small version of Fig. 4 (RSU computing capability) runs
    FedvecProcess.Result result =
        FedvecProcess.run(dir, 10, "reproduce", "fig4", "--quick", "--out", "f", "--quiet");
    assertEquals(0, result.exitCode(), result.output());
    Path out = dir.resolve("f");
    // then the figure is an image and its table has one row per value x algorithm
    BufferedImage image = ImageIO.read(out.resolve("fig4.png").toFile());
    assertTrue(image.getWidth() >= 800);
    List<String> table = Files.readAllLines(out.resolve("fig4.csv"));
    assertTrue(
        table.get(0).startsWith("param,value,algorithm,seeds,final_cost_mean,final_cost_std"));
    assertEquals(1 + 2 * 3, table.size(), String.join("\n", table));
    assertTrue(table.stream().anyMatch(l -> l.contains(",14e9,maddpg,1,")), table.toString());
    // and the cost falls with more RSU compute for every algorithm (same traffic and tasks)
    for (String algorithm : List.of("hafmaddpg", "fedavg-maddpg", "maddpg")) {
      assertTrue(cost(table, "14e9", algorithm) < cost(table, "6e9", algorithm), algorithm);
    }
  }

  private static double cost(List<String> table, String value, String algorithm) {
    return table.stream()
        .map(l -> l.split(","))
        .filter(f -> f[1].equals(value) && f[2].equals(algorithm))
        .mapToDouble(f -> Double.parseDouble(f[4]))
        .findFirst()
        .orElseThrow();
  }

  /** results.csv rows by "value algorithm seed". */
  private static Map<String, String[]> rows(Path sweep) throws Exception {
    List<String> lines = Files.readAllLines(sweep.resolve("results.csv"));
    assertEquals(
        "param,value,algorithm,seed,final_cost,final_reward,avg_delay_s,avg_energy_j,failed_tasks,"
            + "bytes_to_bs",
        lines.get(0));
    Map<String, String[]> rows = new HashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      rows.put(f[1] + " " + f[2] + " " + f[3], f);
    }
    return rows;
  }

  private static double bytesToBs(Map<String, String[]> rows, String value, String algorithm) {
    return Double.parseDouble(rows.get(value + " " + algorithm + " 1")[9]);
  }

  private static void deleteTree(Path root) throws Exception {
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
