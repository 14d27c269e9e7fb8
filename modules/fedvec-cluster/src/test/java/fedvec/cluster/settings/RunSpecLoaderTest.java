package fedvec.cluster.settings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSpecLoaderTest {

  private static RunSpec load(Map<String, String> sets) {
    return RunSpecLoader.load(FedvecConfig.load(null, null, sets));
  }

  private static String error(Map<String, String> sets) {
    return assertThrows(InvalidSettingException.class, () -> load(sets)).getMessage();
  }

  @Test
  void defaultsAreTableOneOfPaper000() {
    RunSpec spec = load(Map.of());
    assertEquals(1e-4, spec.learning().actorLearningRate());
    assertEquals(3e-4, spec.learning().criticLearningRate());
    assertEquals(128, spec.learning().batchSize());
    assertEquals(50_000, spec.learning().replayCapacity());
    assertEquals(1000, spec.scenario().road().lengthM());
    assertEquals(150, spec.scenario().vehicles().v2vRangeM());
    assertEquals(300, spec.scenario().rsus().rangeM());
    assertEquals(20e6, spec.scenario().channel().v2vBandwidthHz());
    assertEquals(15e6, spec.scenario().channel().v2rBandwidthHz());
    assertEquals(10, spec.vehicles());
    assertEquals(4, spec.rsus());
    assertEquals("hafmaddpg", spec.run().algorithm());
    assertArrayEquals(new int[] {64, 64}, spec.learning().hiddenUnits());
  }

  @Test
  void overridesWithAndWithoutTheNamespacePrefix() {
    RunSpec spec =
        load(
            Map.of(
                "scenario.rsus.cpu-hz",
                "12e9",
                "fedvec.run.episodes",
                "7",
                "fl.slot-timeout",
                "5s"));
    assertEquals(12e9, spec.scenario().rsus().cpuHz());
    assertEquals(7, spec.run().episodes());
    assertEquals(5000, spec.fl().slotTimeoutMs());
  }

  @Test
  void badValuesNameTheKeyAndWhatIsAllowed() {
    assertEquals(
        "fedvec.run.episodes: must be an integer in [1, 1000000], got 0",
        error(Map.of("run.episodes", "0")));
    assertTrue(
        error(Map.of("run.episodes", "many"))
            .startsWith("fedvec.run.episodes: must be an integer"));
    assertTrue(
        error(Map.of("run.algorithm", "ppo")).contains("allowed: [hafmaddpg, fedavg-maddpg"));
    assertTrue(
        error(Map.of("fl.global-rate", "1.5"))
            .startsWith("fedvec.fl.global-rate: must be a number in (0"));
    assertTrue(
        error(Map.of("fl.slot-timeout", "soon"))
            .startsWith("fedvec.fl.slot-timeout: must be a duration"));
    assertTrue(
        error(Map.of("scenario.tasks.deadline-min-s", "3"))
            .startsWith("fedvec.scenario.tasks.deadline-min-s: must not exceed"));
    assertTrue(
        error(Map.of("learning.hidden-units", "[64, 0]"))
            .startsWith("fedvec.learning.hidden-units"));
  }

  @Test
  void theTrainingBatcherIsCheckedWhenTheConfigurationIsBuilt() {
    assertEquals(
        "fedvec.training-batcher.max-agents-per-pass: must be an integer in [1, 4096], got 0",
        error(Map.of("training-batcher.max-agents-per-pass", "0")));
    assertEquals(
        "fedvec.training-batcher.parallelism: must be an integer in [0, 1024], got -1",
        error(Map.of("training-batcher.parallelism", "-1")));
    var cores = Runtime.getRuntime().availableProcessors();
    assertEquals(
        new TrainingBatcherSettings(16, cores),
        TrainingBatcherSettings.read(FedvecConfig.load(null, null, Map.of())));
  }

  @Test
  void unknownKeysAndMalformedInputAreRejected() {
    assertEquals(
        "fedvec.learning.batchsize",
        assertThrows(InvalidSettingException.class, () -> load(Map.of("learning.batchsize", "3")))
            .key());
    assertEquals(
        "fedvec.run.episodes",
        assertThrows(InvalidSettingException.class, () -> load(Map.of("run.episodes", "[1")))
            .key());
    assertTrue(error(Map.of("run.scenario", "mars")).contains("unknown scenario 'mars'"));
  }

  @Test
  void userConfigFilesAreCheckedToo(@TempDir Path dir) throws Exception {
    Path good = Files.writeString(dir.resolve("good.conf"), "fedvec.run.episodes = 3\n");
    assertEquals(3, RunSpecLoader.load(FedvecConfig.load(null, good, Map.of())).run().episodes());
    Path typo = Files.writeString(dir.resolve("typo.conf"), "fedvec.run.episode = 3\n");
    assertEquals(
        "fedvec.run.episode",
        assertThrows(InvalidSettingException.class, () -> FedvecConfig.load(null, typo, Map.of()))
            .key());
    assertEquals(
        "--config",
        assertThrows(
                InvalidSettingException.class,
                () -> FedvecConfig.load(null, dir.resolve("missing.conf"), Map.of()))
            .key());
    Path broken = Files.writeString(dir.resolve("broken.conf"), "fedvec { run = \n");
    assertEquals(
        "--config",
        assertThrows(InvalidSettingException.class, () -> FedvecConfig.load(null, broken, Map.of()))
            .key());
  }
}
