package fedvec.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * It learns: the default run (10 vehicles, 4 RSUs, 100 episodes, seed 1) ends at least 20% below
 * the random policy's final cost and below local-only's, on the same seed. Slow (about 4 minutes).
 */
@Tag("slow")
class LearningIT {
  @TempDir Path dir;

  private double finalCost(String algorithm) throws Exception {
    FedvecProcess.Result result =
        FedvecProcess.run(
            dir, 15, "run", "--quiet", "--algorithm", algorithm, "--seed", "1", "--out", algorithm);
    assertEquals(0, result.exitCode(), result.output());
    return new ObjectMapper()
        .readTree(dir.resolve(algorithm).resolve("summary.json").toFile())
        .get("final_cost")
        .asDouble();
  }

  @Test
  void hafmaddpgBeatsRandomByTwentyPercentAndLocalOnly() throws Exception {
    double random = finalCost("random");
    double localOnly = finalCost("local-only");
    double hafmaddpg = finalCost("hafmaddpg");
    System.out.printf(
        "final_cost seed 1: hafmaddpg %.3f, random %.3f, local-only %.3f%n",
        hafmaddpg, random, localOnly);
    assertTrue(hafmaddpg <= 0.8 * random, "hafmaddpg " + hafmaddpg + " vs random " + random);
    assertTrue(hafmaddpg < localOnly, "hafmaddpg " + hafmaddpg + " vs local-only " + localOnly);
  }
}
