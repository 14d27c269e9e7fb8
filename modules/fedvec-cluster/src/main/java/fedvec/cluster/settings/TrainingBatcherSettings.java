package fedvec.cluster.settings;

import com.typesafe.config.Config;

/**
 * A node's training batcher (fedvec.training-batcher, cluster-config/node.conf), checked where the
 * configuration is built so that a bad value fails at start, not at a vehicle's first step.
 *
 * @param maxAgentsPerPass the most learners stepped in one batched pass
 * @param parallelism passes that may run at once; 0 in the file means one per core
 */
public record TrainingBatcherSettings(int maxAgentsPerPass, int parallelism) {
  private static final String KEY = "fedvec.training-batcher";

  /** The settings of {@code config}; throws {@link InvalidSettingException} naming a bad key. */
  public static TrainingBatcherSettings read(Config config) {
    SettingsReader r = new SettingsReader(config, KEY);
    int maxAgentsPerPass = r.intIn("max-agents-per-pass", 1, 4_096);
    int parallelism = r.intIn("parallelism", 0, 1_024);
    return new TrainingBatcherSettings(
        maxAgentsPerPass,
        parallelism > 0 ? parallelism : Runtime.getRuntime().availableProcessors());
  }
}
