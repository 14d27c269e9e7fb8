package fedvec.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same seed, two fresh JVMs: identical metrics.csv apart from wall_ms. */
class DeterminismIT {
  @TempDir Path dir;

  @Test
  void twoRunsWithTheSameSeedWriteIdenticalMetrics() throws Exception {
    for (String out : List.of("a", "b")) {
      FedvecProcess.Result result =
          FedvecProcess.run(
              dir,
              10,
              "run",
              "--quiet",
              "--episodes",
              "6",
              "--slots",
              "30",
              "--seed",
              "17",
              "--set",
              "learning.batch-size=32",
              "--out",
              out);
      assertEquals(0, result.exitCode(), result.output());
    }
    List<String> a = withoutWallTime(dir.resolve("a/metrics.csv"));
    List<String> b = withoutWallTime(dir.resolve("b/metrics.csv"));
    assertEquals(7, a.size());
    assertEquals(a, b);
    // the models are the same too: the aggregation norms agree line by line
    assertEquals(
        norms(dir.resolve("a/aggregation.jsonl")), norms(dir.resolve("b/aggregation.jsonl")));
  }

  private static List<String> withoutWallTime(Path csv) throws Exception {
    return Files.readAllLines(csv).stream()
        .map(line -> line.replaceFirst("^((?:[^,]*,){10})[^,]*", "$1"))
        .toList();
  }

  private static List<String> norms(Path jsonl) throws Exception {
    return Files.readAllLines(jsonl).stream()
        .map(FedvecProcessJson::parse)
        .map(
            n ->
                n.get("round")
                    + " "
                    + n.get("tier")
                    + " "
                    + n.get("rsu")
                    + " "
                    + n.get("param_norm"))
        .toList();
  }
}
