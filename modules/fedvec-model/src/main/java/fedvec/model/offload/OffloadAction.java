package fedvec.model.offload;

/**
 * The hybrid action a_i = [a^d, a^c] of eq. (14): a target and the two resource ratios.
 *
 * @param target where the task runs (a^d)
 * @param computeRatio p^c, the share of the target's CPU asked for, in [0, 1]
 * @param bandwidthRatio p^k, the share of the link's bandwidth asked for, in [0, 1]
 */
public record OffloadAction(OffloadTarget target, double computeRatio, double bandwidthRatio) {
  /** Length of the action vector: three one-hot target entries and two ratios. */
  public static final int DIMENSION = 5;

  /** The action as the critic sees it: one-hot target, then p^c, then p^k. */
  public float[] toVector() {
    float[] vector = new float[DIMENSION];
    vector[target.ordinal()] = 1f;
    vector[3] = (float) computeRatio;
    vector[4] = (float) bandwidthRatio;
    return vector;
  }
}
