package fedvec.learning.replay;

/**
 * A mini-batch in row-major flat arrays, ready to become tensors.
 *
 * @param size rows
 */
public record Batch(
    int size,
    float[] states,
    float[] actions,
    float[] rewards,
    float[] nextStates,
    float[] dones) {}
