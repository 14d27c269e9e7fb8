package fedvec.learning.maddpg;

/**
 * What one vehicle saw, did and earned in one slot, as the central MADDPG learner receives it
 * through the vehicle's RSU.
 *
 * @param vehicleId the vehicle
 * @param slot the slot of the episode
 * @param observation the vehicle's observation (every slot, with or without a task)
 * @param action the executed action vector (eq. 14), or null when the vehicle had no task
 * @param reward the reward of eq. (15) for its task, 0 without one
 */
public record Experience(
    int vehicleId, int slot, float[] observation, float[] action, float reward) {}
