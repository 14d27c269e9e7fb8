package fedvec.cluster.settings;

/**
 * What to run (fedvec.run).
 *
 * @param scenario scenario name (cluster-config/scenarios/NAME.conf)
 * @param algorithm algorithm id, e.g. "hafmaddpg"
 * @param episodes M of Algorithm 1
 * @param slotsPerEpisode T of Algorithm 1
 * @param seed the master seed
 * @param checkpointEvery episodes between two checkpoints, 0 for none
 * @param batchedTraining whether the vehicles of a node that train in the same slot do it in one
 *     batched pass ({@link fedvec.cluster.vehicle.TrainingBatcher}); the results are the same
 */
public record RunSettings(
    String scenario,
    String algorithm,
    int episodes,
    int slotsPerEpisode,
    long seed,
    int checkpointEvery,
    boolean batchedTraining) {}
