package fedvec.learning.policy;

import fedvec.model.offload.OffloadAction;

/** How a vehicle picks the action of eq. (14) from its observation. */
public interface Policy extends AutoCloseable {

  /**
   * The action for {@code observation}.
   *
   * @param episode the current episode (exploration schedules depend on it)
   * @param explore true while training, false for pure exploitation
   */
  OffloadAction act(float[] observation, int episode, boolean explore);

  /** Releases native memory, if any. */
  @Override
  default void close() {}
}
