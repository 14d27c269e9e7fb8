package fedvec.learning.ddpg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import fedvec.learning.network.GradMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One step of Algorithm 1, lines 10-12, for K agents at once: the critic by the TD error (eqs. 17,
 * 18), the actor by -Q(s, pi(s)) (19) with the ASSUME hybrid update (cross-entropy of the target
 * logits towards the critic's best target, eq. 19's gradient for the ratios), then the targets by
 * soft update (20, 21). Adam as DJL's (bias correction folded into the step size). The math is
 * {@code ddpg-step.torchscript}, run by {@link TorchScriptStep}.
 *
 * <p>The agents' states are stacked into one {@code [K, 4, P]} tensor, every product is a batched
 * matrix product of K independent ones, and row k of the stacked result is copied back into agent
 * k's own state. A single agent steps in place on its own tensor.
 */
final class DdpgStep {
  private static final float BETA1 = 0.9f;
  private static final float BETA2 = 0.999f;
  private static final float EPSILON = 1e-8f;

  private DdpgStep() {}

  static void run(List<DdpgAgent> agents) {
    DdpgAgent first = agents.get(0);
    for (DdpgAgent agent : agents) {
      if (!sameStep(agent, first)) {
        throw new IllegalArgumentException("agents stepped together must share shape and settings");
      }
    }
    DdpgSettings settings = first.settings();
    int k = agents.size();
    int rows = settings.batchSize();
    int width = first.rowWidth(); // s, a, r, s', then gamma (1 - d) in place of d
    float[] data = new float[k * rows * width];
    float[] rates = new float[2 * k]; // actor's Adam step sizes, then the critic's
    List<NDArray> states = new ArrayList<>(k);
    for (int i = 0; i < k; i++) {
      DdpgAgent agent = agents.get(i);
      sample(agent, (float) settings.discount(), data, i * rows * width);
      rates[i] = adamRate(settings.actorLearningRate(), agent.nextStep());
      rates[k + i] = adamRate(settings.criticLearningRate(), agent.nextStep());
      states.add(agent.state());
    }
    try (GradMode off = GradMode.off();
        NDManager scope = first.manager().newSubManager()) {
      first
          .module()
          .run(
              states,
              scope.create(data, new Shape(k, rows, width)),
              scope.create(rates, new Shape(2, k, 1)),
              first.stepConstants());
    }
    agents.forEach(DdpgAgent::stepped);
  }

  /** The step's float32 constants for agents of {@code settings}, in its source's order. */
  static float[] constants(DdpgSettings settings) {
    int rows = settings.batchSize();
    float tau = (float) settings.targetUpdateRate();
    return new float[] {
      BETA1,
      1f - BETA1,
      BETA2,
      1f - BETA2,
      EPSILON,
      tau,
      1f - tau,
      2f / rows,
      1f,
      1f / rows,
      -1f / rows
    };
  }

  /** Whether two agents' steps can share one batched pass: same networks, batch and rates. */
  private static boolean sameStep(DdpgAgent a, DdpgAgent b) {
    DdpgSettings x = a.settings();
    DdpgSettings y = b.settings();
    return Arrays.equals(a.shape().actorSizes(), b.shape().actorSizes())
        && Arrays.equals(a.shape().criticSizes(), b.shape().criticSizes())
        && x.batchSize() == y.batchSize()
        && x.actorLearningRate() == y.actorLearningRate()
        && x.criticLearningRate() == y.criticLearningRate()
        && x.discount() == y.discount()
        && x.targetUpdateRate() == y.targetUpdateRate();
  }

  /** DJL Adam's step size at step t: lr sqrt(1 - beta2^t) / (1 - beta1^t). */
  private static float adamRate(double learningRate, int t) {
    float lr = (float) learningRate;
    return (float) (lr * Math.sqrt(1.0 - Math.pow(BETA2, t)) / (1.0 - Math.pow(BETA1, t)));
  }

  /**
   * One agent's batch as rows of (s, a, r, s', gamma (1 - d)) from {@code offset}: its buffer's
   * rows (s, a, r, s', d), with the last column turned into the discount of eq. (18).
   */
  private static void sample(DdpgAgent agent, float discount, float[] out, int offset) {
    int rows = agent.settings().batchSize();
    int width = agent.rowWidth();
    agent.sampleRows(out, offset);
    for (int at = offset + width - 1; at < offset + rows * width; at += width) {
      out[at] = discount * (1f - out[at]);
    }
  }
}
