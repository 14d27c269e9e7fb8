package fedvec.learning.ddpg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import fedvec.model.offload.OffloadAction;
import fedvec.model.offload.OffloadTarget;
import java.util.SplittableRandom;

/**
 * The actor head of paper 000's hybrid action (eq. 14), shared by every learner that trains such an
 * actor: three target logits (argmax at execution, softmax in training) and two ratio
 * pre-activations (sigmoid). ASSUME hybrid head.
 */
public final class HybridHead {
  private HybridHead() {}

  /**
   * The executed action for the actor's raw output: argmax target and sigmoid ratios, with the
   * exploration of {@code episode} from {@code random} when {@code explore}.
   */
  public static OffloadAction choose(
      float[] raw,
      int episode,
      boolean explore,
      ExplorationSettings exploration,
      SplittableRandom random) {
    int target = argmax(raw, 3);
    double computeRatio = sigmoid(raw[3]);
    double bandwidthRatio = sigmoid(raw[4]);
    if (explore) {
      if (random.nextDouble() < exploration.epsilon(episode)) {
        target = random.nextInt(3);
      }
      double noise = exploration.ratioNoise(episode);
      computeRatio = clamp01(computeRatio + noise * random.nextGaussian());
      bandwidthRatio = clamp01(bandwidthRatio + noise * random.nextGaussian());
    }
    return new OffloadAction(OffloadTarget.ofIndex(target), computeRatio, bandwidthRatio);
  }

  /**
   * Softmax over the target logits, sigmoid over the ratios: the action as a critic sees it. The
   * actor's outputs lie along the last axis of {@code raw}.
   */
  public static NDArray critic(NDArray raw) {
    int last = raw.getShape().dimension() - 1;
    NDList parts = raw.split(new long[] {3}, last);
    return parts.get(0).softmax(last).concat(Activation.sigmoid(parts.get(1)), last);
  }

  /** The two ratios of a batch of raw outputs (along the last axis), through the sigmoid. */
  public static NDArray ratios(NDArray raw) {
    int last = raw.getShape().dimension() - 1;
    return Activation.sigmoid(raw.split(new long[] {3}, last).get(1));
  }

  /**
   * Cross-entropy of the target logits towards {@code bestTargets} (one-hot), per row: the ASSUME
   * hybrid-update imitation term.
   */
  public static NDArray imitation(NDArray raw, NDArray bestTargets) {
    return bestTargets.mul(raw.get(":, 0:3").logSoftmax(1)).sum(new int[] {1});
  }

  private static int argmax(float[] values, int count) {
    int best = 0;
    for (int i = 1; i < count; i++) {
      if (values[i] > values[best]) {
        best = i;
      }
    }
    return best;
  }

  private static double sigmoid(float x) {
    return 1.0 / (1.0 + Math.exp(-x));
  }

  private static double clamp01(double x) {
    return Math.max(0.0, Math.min(1.0, x));
  }
}
