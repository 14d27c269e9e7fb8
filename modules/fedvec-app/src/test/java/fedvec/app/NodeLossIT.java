package fedvec.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults on real processes: 3 JVMs (coordinator + 2 vehicle hosts), 30 vehicles, 10 rounds. A
 * vehicle host killed with SIGKILL in round 3 does not stop the run; a vehicle host paused shorter
 * than the failure detector's acceptable pause changes nothing at all.
 */
class NodeLossIT {
  private static final int EPISODES = 10;

  @TempDir Path dir;

  /** A 3-JVM cluster run; the vehicle hosts are started first. */
  private record Cluster(Process coordinator, List<Process> vehicleHosts) {}

  private Cluster start(String out, String... extra) throws Exception {
    int seed = FedvecProcess.freePort();
    List<Process> hosts = new ArrayList<>();
    for (int k = 2; k <= 3; k++) {
      hosts.add(
          FedvecProcess.start(
              dir,
              dir.resolve(out + "-node-" + k + ".log"),
              "node",
              "--roles",
              "vehicles",
              "--port",
              Integer.toString(FedvecProcess.freePort()),
              "--seed-nodes",
              "127.0.0.1:" + seed,
              "--management-port",
              "0",
              "--set",
              "pekko.cluster.split-brain-resolver.stable-after=7s"));
    }
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "--cluster",
                "--min-nodes",
                "3",
                "--port",
                Integer.toString(seed),
                "--management-port",
                "0",
                "--quiet",
                "--out",
                out,
                "--vehicles",
                "30",
                "--episodes",
                Integer.toString(EPISODES),
                "--slots",
                "10",
                "--seed",
                "3",
                "--set",
                "learning.batch-size=16",
                "--set",
                "fl.slot-timeout=8s",
                "--set",
                "fl.rsu-timeout=15s",
                "--set",
                "pekko.cluster.split-brain-resolver.stable-after=7s"));
    args.addAll(List.of(extra));
    Process coordinator =
        FedvecProcess.start(dir, dir.resolve(out + "-node-1.log"), args.toArray(String[]::new));
    return new Cluster(coordinator, hosts);
  }

  private void awaitEpisodes(String out, int episodes, Process coordinator) throws Exception {
    Path metrics = dir.resolve("." + out + ".partial/metrics.csv");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
    while (!Files.exists(metrics) || Files.readAllLines(metrics).size() <= episodes) {
      assertTrue(coordinator.isAlive() && System.nanoTime() < deadline, "run stopped early");
      Thread.sleep(100);
    }
  }

  private static void signal(Process p, String signal) throws Exception {
    new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
  }

  @Test
  void aVehicleHostKilledInRoundThreeDoesNotStopTheRun() throws Exception {
    // given a running 3-JVM cluster
    Cluster cluster = start("killed");
    awaitEpisodes("killed", 2, cluster.coordinator());
    // when a vehicle host is killed during episode (and round) 3
    Process victim = cluster.vehicleHosts().get(1);
    victim.destroyForcibly().waitFor();

    // then the run finishes with exit code 0 and complete outputs
    assertTrue(cluster.coordinator().waitFor(8, TimeUnit.MINUTES), "run did not finish");
    assertEquals(
        0, cluster.coordinator().exitValue(), Files.readString(dir.resolve("killed-node-1.log")));
    Process survivor = cluster.vehicleHosts().get(0);
    assertTrue(survivor.waitFor(1, TimeUnit.MINUTES));
    assertEquals(0, survivor.exitValue());
    assertEquals(EPISODES + 1, Files.readAllLines(dir.resolve("killed/metrics.csv")).size());

    // every round ended (committed or aborted) and no vehicle counted twice in one
    List<JsonNode> bs = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("killed/aggregation.jsonl"))) {
      JsonNode record = FedvecProcessJson.parse(line);
      Set<Integer> contributors = new HashSet<>();
      record
          .get("contributors")
          .forEach(c -> assertTrue(contributors.add(c.asInt()), "twice: " + record));
      if (record.get("tier").asText().equals("bs")) {
        bs.add(record);
      }
    }
    assertEquals(
        IntStream.rangeClosed(1, EPISODES).boxed().toList(),
        bs.stream().map(r -> r.get("round").asInt()).toList());
    // the killed host's vehicles came back on the survivor from the latest global model, and by the
    // last round every vehicle contributes again
    String survivorLog = Files.readString(dir.resolve("killed-node-2.log"));
    assertTrue(
        survivorLog.contains("restored the global model of round")
            || survivorLog.contains("came back holding the global model of round"),
        "no vehicle came back on the latest global model");
    int lastRoundContributors =
        Files.readAllLines(dir.resolve("killed/aggregation.jsonl")).stream()
            .map(FedvecProcessJson::parse)
            .filter(r -> r.get("round").asInt() == EPISODES && r.get("tier").asText().equals("rsu"))
            .mapToInt(r -> r.get("contributors").size())
            .sum();
    assertEquals(30, lastRoundContributors);
  }

  @Test
  void aShortPauseOfAVehicleHostChangesNothing() throws Exception {
    // given the same run undisturbed
    Cluster calm = start("calm");
    assertTrue(calm.coordinator().waitFor(8, TimeUnit.MINUTES));
    assertEquals(
        0, calm.coordinator().exitValue(), Files.readString(dir.resolve("calm-node-1.log")));
    for (Process p : calm.vehicleHosts()) {
      p.waitFor(1, TimeUnit.MINUTES);
    }
    // when a vehicle host is stopped for 2 s (less than the failure detector's 3 s pause) in
    // episode 3
    Cluster paused = start("paused");
    awaitEpisodes("paused", 2, paused.coordinator());
    Process host = paused.vehicleHosts().get(1);
    signal(host, "STOP");
    Thread.sleep(2_000);
    signal(host, "CONT");
    assertTrue(paused.coordinator().waitFor(8, TimeUnit.MINUTES));
    assertEquals(0, paused.coordinator().exitValue());
    for (Process p : paused.vehicleHosts()) {
      assertTrue(p.waitFor(1, TimeUnit.MINUTES));
      assertEquals(0, p.exitValue());
    }
    // then the metrics are exactly those of the undisturbed run, nothing was unreachable and no
    // vehicle moved to another node
    String problems = problems("paused");
    assertEquals(withoutWallTime("calm"), withoutWallTime("paused"), problems);
    assertTrue(
        !Files.readString(dir.resolve("paused-node-1.log")).contains("Marking node as UNREACHABLE"),
        problems);
    for (int k = 1; k <= 3; k++) {
      String log = Files.readString(dir.resolve("paused-node-" + k + ".log"));
      assertTrue(!log.contains("Starting rebalance"), "node " + k + " rebalanced:\n" + problems);
    }
  }

  @Test
  void aLongPauseMakesAHostAStragglerThatIsDownedAndStopsByItself() throws Exception {
    // given a running 3-JVM cluster
    Cluster cluster = start("stalled");
    awaitEpisodes("stalled", 2, cluster.coordinator());
    // when a vehicle host is stopped for 25 s, longer than failure detection plus stable-after (7
    // s)
    Process host = cluster.vehicleHosts().get(1);
    signal(host, "STOP");
    Thread.sleep(25_000);
    signal(host, "CONT");
    // then the majority downed it and finishes the run
    assertTrue(cluster.coordinator().waitFor(8, TimeUnit.MINUTES), "run did not finish");
    assertEquals(
        0, cluster.coordinator().exitValue(), Files.readString(dir.resolve("stalled-node-1.log")));
    assertEquals(EPISODES + 1, Files.readAllLines(dir.resolve("stalled/metrics.csv")).size());
    // and the straggler, back, finds itself removed and stops by itself, never having run a clock
    assertTrue(host.waitFor(2, TimeUnit.MINUTES), "the downed host did not stop");
    assertTrue(host.exitValue() != 0, "a downed host must not claim a finished run");
    String log = Files.readString(dir.resolve("stalled-node-3.log"));
    assertTrue(
        log.contains("has been marked as DOWN") || log.contains("downed"), "not downed: " + log);
    assertTrue(!log.contains("run starts:"), "the straggler ran a clock");
  }

  /**
   * What went wrong in a run, for failure messages: the warnings and errors of its nodes' logs
   * (without the vehicles the RSUs see stop when the run ends), and rebalances.
   */
  private String problems(String run) throws Exception {
    List<String> lines = new ArrayList<>();
    for (int k = 1; k <= 3; k++) {
      for (String line : Files.readAllLines(dir.resolve(run + "-node-" + k + ".log"))) {
        if ((line.contains(" WARN ") || line.contains(" ERROR ") || line.contains("rebalance"))
            && !line.contains("stopped (its node left or failed)")) {
          lines.add("node " + k + ": " + line);
        }
      }
    }
    return String.join("\n", lines.subList(0, Math.min(lines.size(), 60)));
  }

  private List<String> withoutWallTime(String run) throws Exception {
    return Files.readAllLines(dir.resolve(run).resolve("metrics.csv")).stream()
        .map(line -> line.replaceFirst("^((?:[^,]*,){10})[^,]*", "$1"))
        .toList();
  }
}
