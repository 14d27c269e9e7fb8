package fedvec.learning.policy;

import fedvec.model.offload.OffloadAction;
import fedvec.model.offload.OffloadTarget;
import java.util.SplittableRandom;

/**
 * The random baseline: a uniform target and uniform ratios in [0, 1], from the vehicle's own
 * stream.
 */
public final class RandomPolicy implements Policy {
  private final SplittableRandom random;

  public RandomPolicy(SplittableRandom random) {
    this.random = random;
  }

  @Override
  public OffloadAction act(float[] observation, int episode, boolean explore) {
    return new OffloadAction(
        OffloadTarget.ofIndex(random.nextInt(3)), random.nextDouble(), random.nextDouble());
  }
}
