package fedvec.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * G9: a run killed with SIGKILL after a checkpoint is resumed with `--resume` and completes its
 * outputs, every episode and round exactly once; resuming the same checkpoint twice gives the same
 * results.
 */
class CheckpointResumeIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void aKilledRunResumesFromItsLastCheckpoint() throws Exception {
    // given a run with a checkpoint every 2 episodes, killed once the checkpoint of episode 4 is
    // written
    Process run =
        FedvecProcess.start(
            dir,
            dir.resolve("first.log"),
            "run",
            "--quiet",
            "--episodes",
            "8",
            "--slots",
            "20",
            "--seed",
            "2",
            "--checkpoint-every",
            "2",
            "--set",
            "learning.batch-size=16",
            "--out",
            "a");
    Path checkpoint = dir.resolve(".a.partial/checkpoint/checkpoint.json");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (checkpointEpisode(checkpoint) < 4) {
      assertTrue(
          System.nanoTime() < deadline && run.isAlive(),
          Files.readString(dir.resolve("first.log")));
      Thread.sleep(50);
    }
    run.destroyForcibly().waitFor();
    assertTrue(Files.notExists(dir.resolve("a")), "a killed run must not look finished");
    int resumedFrom = checkpointEpisode(checkpoint);
    copy(dir.resolve(".a.partial"), dir.resolve(".b.partial"));

    // when it is resumed (and a copy of it too)
    for (String name : List.of("a", "b")) {
      FedvecProcess.Result resumed = FedvecProcess.run(dir, 5, "run", "--quiet", "--resume", name);
      assertEquals(0, resumed.exitCode(), resumed.output());
      assertTrue(resumed.output().contains("after episode " + resumedFrom), resumed.output());
    }

    // then every episode and every round is there exactly once
    List<String> metrics = Files.readAllLines(dir.resolve("a/metrics.csv"));
    assertEquals(
        IntStream.rangeClosed(1, 8).boxed().toList(),
        metrics.subList(1, metrics.size()).stream()
            .map(line -> Integer.parseInt(line.substring(0, line.indexOf(','))))
            .toList());
    List<Integer> bsRounds =
        Files.readAllLines(dir.resolve("a/aggregation.jsonl")).stream()
            .map(FedvecProcessJson::parse)
            .filter(r -> r.get("tier").asText().equals("bs"))
            .map(r -> r.get("round").asInt())
            .toList();
    assertEquals(IntStream.rangeClosed(1, 8).boxed().toList(), bsRounds);
    assertEquals(8 * 5 + 1, Files.readAllLines(dir.resolve("a/traffic.csv")).size());
    JsonNode summary = JSON.readTree(dir.resolve("a/summary.json").toFile());
    assertEquals(8, summary.get("episodes").asInt());
    // and resuming the same checkpoint again gives the same episodes
    assertEquals(withoutWallTime(dir.resolve("a")), withoutWallTime(dir.resolve("b")));
  }

  private static int checkpointEpisode(Path checkpoint) {
    try {
      return Files.exists(checkpoint)
          ? JSON.readTree(checkpoint.toFile()).get("episode").asInt()
          : 0;
    } catch (Exception partlyWritten) {
      return 0;
    }
  }

  private static void copy(Path from, Path to) throws Exception {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Files.copy(p, to.resolve(from.relativize(p).toString()));
      }
    }
  }

  private static List<String> withoutWallTime(Path run) throws Exception {
    return Files.readAllLines(run.resolve("metrics.csv")).stream()
        .map(line -> line.replaceFirst("^((?:[^,]*,){10})[^,]*", "$1"))
        .toList();
  }
}
