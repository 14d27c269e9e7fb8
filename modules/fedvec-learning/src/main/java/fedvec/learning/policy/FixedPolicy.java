package fedvec.learning.policy;

import fedvec.model.offload.OffloadAction;
import fedvec.model.offload.OffloadTarget;

/**
 * A non-learning baseline that always sends the task to the same place with full ratios: {@code
 * local-only} (every task on the vehicle's own CPU) and {@code nearest-rsu} (every task to the
 * serving RSU).
 */
public final class FixedPolicy implements Policy {
  private final OffloadAction action;

  public FixedPolicy(OffloadTarget target) {
    this.action = new OffloadAction(target, 1.0, 1.0);
  }

  @Override
  public OffloadAction act(float[] observation, int episode, boolean explore) {
    return action;
  }
}
