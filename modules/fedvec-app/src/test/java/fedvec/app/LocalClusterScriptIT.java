package fedvec.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/local-cluster.sh runs a cluster of real JVMs and cleans up after itself, also on failure.
 */
class LocalClusterScriptIT {
  private static final Path ROOT = Path.of(System.getProperty("fedvec.root", "../.."));

  @TempDir Path dir;

  private final int basePort;

  LocalClusterScriptIT() throws Exception {
    basePort = FedvecProcess.freePort();
  }

  private Process script(String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = ROOT.resolve("deploy/local-cluster.sh").toAbsolutePath().toString();
    System.arraycopy(args, 0, command, 1, args.length);
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().put("BASE_PORT", Integer.toString(basePort));
    builder.environment().put("LOG_DIR", dir.resolve("logs").toString());
    builder.redirectOutput(dir.resolve("script.out").toFile());
    return builder.start();
  }

  @Test
  void runsTwoJvmsAndLeavesTheRunAndOneLogPerNode() throws Exception {
    Process p =
        script(
            "2",
            "--episodes",
            "2",
            "--slots",
            "8",
            "--vehicles",
            "12",
            "--quiet",
            "--out",
            dir.resolve("run").toString(),
            "--set",
            "learning.batch-size=16");
    assertTrue(p.waitFor(5, TimeUnit.MINUTES));
    assertEquals(0, p.exitValue(), Files.readString(dir.resolve("script.out")));
    assertEquals(3, Files.readAllLines(dir.resolve("run/metrics.csv")).size());
    assertTrue(Files.exists(dir.resolve("logs/node-1.log")));
    assertTrue(Files.readString(dir.resolve("logs/node-2.log")).contains("hosting run"));
  }

  @Test
  void centralizedMaddpgOnTwoJvmsGivesTheMetricsOfOne() throws Exception {
    // given the same centralized MADDPG run on one JVM and, through the script, on two
    String[] run = {
      "--algorithm",
      "maddpg",
      "--episodes",
      "3",
      "--slots",
      "20",
      "--vehicles",
      "12",
      "--seed",
      "2",
      "--quiet",
      "--set",
      "learning.batch-size=16"
    };
    String[] single = new String[run.length + 3];
    single[0] = "run";
    System.arraycopy(run, 0, single, 1, run.length);
    single[run.length + 1] = "--out";
    single[run.length + 2] = "one";
    FedvecProcess.Result one = FedvecProcess.run(dir, 5, single);
    assertEquals(0, one.exitCode(), one.output());
    String[] scripted = new String[run.length + 3];
    scripted[0] = "2";
    System.arraycopy(run, 0, scripted, 1, run.length);
    scripted[run.length + 1] = "--out";
    scripted[run.length + 2] = dir.resolve("two").toString();
    Process p = script(scripted);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES));
    assertEquals(0, p.exitValue(), Files.readString(dir.resolve("script.out")));
    // then the experiences crossed nodes and the metrics are identical apart from wall time
    assertEquals(
        ClusterRunIT.withoutWallTime(dir.resolve("one")),
        ClusterRunIT.withoutWallTime(dir.resolve("two")));
  }

  @Test
  void aFailingRunStopsEveryNodeItStarted() throws Exception {
    // the coordinator refuses the input; the vehicle node the script started must not outlive it
    Process p = script("2", "--episodes", "0", "--out", dir.resolve("run").toString());
    assertTrue(p.waitFor(2, TimeUnit.MINUTES));
    assertNotEquals(0, p.exitValue());
    assertFalse(Files.exists(dir.resolve("run")));
    String nodeLog = Files.readString(dir.resolve("logs/node-2.log"));
    String vehicleNode = "--port " + (basePort + 1);
    long stillRunning =
        ProcessHandle.allProcesses()
            .filter(h -> h.info().commandLine().orElse("").contains(vehicleNode))
            .count();
    assertEquals(0, stillRunning, nodeLog);
  }
}
