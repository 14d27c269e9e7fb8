package fedvec.learning.network;

import ai.djl.ndarray.NDArray;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.List;

/** Adam on one network's parameters: one step from the gradients of the last backward pass. */
public final class NetworkOptimizer {
  private final Mlp network;
  private final Optimizer adam;
  private final String prefix;

  public NetworkOptimizer(Mlp network, String prefix, float learningRate) {
    this.network = network;
    this.prefix = prefix;
    this.adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(learningRate)).build();
  }

  /** Applies one Adam step, then clears the gradients it used. */
  public void step() {
    try (GradMode off = GradMode.off()) {
      List<NDArray> parameters = network.parameterArrays();
      for (int i = 0; i < parameters.size(); i++) {
        NDArray weight = parameters.get(i);
        try (NDArray gradient = weight.getGradient()) {
          adam.update(prefix + i, weight, gradient);
        }
      }
    }
    network.zeroGradients();
  }
}
