package fedvec.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real JVMs on loopback (a coordinator and two vehicle hosts) give the same metrics as one
 * JVM with the same seed; every node exits 0 and shows the cluster on its management endpoint.
 */
class ClusterRunIT {
  private static final String[] RUN = {
    "--episodes",
    "3",
    "--slots",
    "12",
    "--vehicles",
    "24",
    "--seed",
    "8",
    "--set",
    "learning.batch-size=32",
    "--quiet"
  };

  @TempDir Path dir;

  @Test
  void threeJvmsGiveTheSameMetricsAsOne() throws Exception {
    // given the run on one JVM
    List<String> single = new ArrayList<>(List.of("run", "--out", "single"));
    single.addAll(List.of(RUN));
    FedvecProcess.Result one = FedvecProcess.run(dir, 5, single.toArray(String[]::new));
    assertEquals(0, one.exitCode(), one.output());

    // when two vehicle nodes and a coordinator form a cluster and run it
    int seed = FedvecProcess.freePort();
    List<Process> vehicleNodes = new ArrayList<>();
    List<Integer> managementPorts = new ArrayList<>();
    for (int k = 2; k <= 3; k++) {
      int management = FedvecProcess.freePort();
      managementPorts.add(management);
      vehicleNodes.add(
          FedvecProcess.start(
              dir,
              dir.resolve("node-" + k + ".log"),
              "node",
              "--roles",
              "vehicles",
              "--port",
              Integer.toString(FedvecProcess.freePort()),
              "--seed-nodes",
              "127.0.0.1:" + seed,
              "--management-port",
              Integer.toString(management)));
    }
    List<String> clustered =
        new ArrayList<>(
            List.of(
                "run",
                "--cluster",
                "--min-nodes",
                "3",
                "--port",
                Integer.toString(seed),
                "--management-port",
                Integer.toString(FedvecProcess.freePort()),
                "--out",
                "cluster"));
    clustered.addAll(List.of(RUN));
    Process coordinator =
        FedvecProcess.start(dir, dir.resolve("node-1.log"), clustered.toArray(String[]::new));

    // then a vehicle node's management endpoint lists the three members while they run
    assertEquals(3, upMembers(managementPorts.get(0), Duration.ofSeconds(90)));

    // and every node exits 0
    assertTrue(coordinator.waitFor(5, TimeUnit.MINUTES), "coordinator did not finish");
    assertEquals(0, coordinator.exitValue(), Files.readString(dir.resolve("node-1.log")));
    for (int k = 0; k < vehicleNodes.size(); k++) {
      Process node = vehicleNodes.get(k);
      assertTrue(node.waitFor(1, TimeUnit.MINUTES), "vehicle node did not stop");
      assertEquals(0, node.exitValue(), Files.readString(dir.resolve("node-" + (k + 2) + ".log")));
    }
    // and the vehicle nodes leaving at the run's end is no fault in any node's log
    for (int k = 1; k <= vehicleNodes.size() + 1; k++) {
      String log = Files.readString(dir.resolve("node-" + k + ".log"));
      assertFalse(log.contains("its node left or failed"), "node-" + k + ".log:\n" + log);
    }

    // and the metrics are those of the single JVM, apart from wall time
    assertEquals(withoutWallTime(dir.resolve("single")), withoutWallTime(dir.resolve("cluster")));
    // traffic is counted the same way: equal message counts on every link
    assertEquals(messageCounts(dir.resolve("single")), messageCounts(dir.resolve("cluster")));
    List<String> aggregations = Files.readAllLines(dir.resolve("cluster/aggregation.jsonl"));
    assertEquals(
        Files.readAllLines(dir.resolve("single/aggregation.jsonl")).size(), aggregations.size());
  }

  private static int upMembers(int managementPort, Duration timeout) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    URI uri = URI.create("http://127.0.0.1:" + managementPort + "/cluster/members");
    long deadline = System.nanoTime() + timeout.toNanos();
    int up = 0;
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          up = 0;
          for (JsonNode member : new ObjectMapper().readTree(response.body()).get("members")) {
            up += member.get("status").asText().equals("Up") ? 1 : 0;
          }
          if (up >= 3) {
            return up;
          }
        }
      } catch (java.io.IOException notYet) {
        // the node is still starting
      }
      Thread.sleep(500);
    }
    return up;
  }

  static List<String> withoutWallTime(Path run) throws Exception {
    return Files.readAllLines(run.resolve("metrics.csv")).stream()
        .map(line -> line.replaceFirst("^((?:[^,]*,){10})[^,]*", "$1"))
        .toList();
  }

  private static List<String> messageCounts(Path run) throws Exception {
    return Files.readAllLines(run.resolve("traffic.csv")).stream()
        .map(line -> line.substring(0, line.lastIndexOf(',')))
        .toList();
  }
}
