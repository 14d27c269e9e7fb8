package fedvec.learning.ddpg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;

/**
 * K copies of one fully connected network (ReLU between layers, linear output) read as views of
 * their flat parameters {@code [K, P]} in {@link fedvec.learning.network.Mlp}'s order (per layer:
 * weight out x in row-major, then bias). Inputs are {@code [K, rows, in]}: every agent's rows go
 * through its own weights in one batched matrix product per layer, and each agent's result depends
 * on its own rows and weights alone.
 *
 * <p>Acting reads the online actors through these views; the step itself runs the same layers in
 * TorchScript ({@code ddpg-step.torchscript}, {@link TorchScriptStep}).
 */
final class StackedMlp {
  private final NDArray[] transposed; // [K, in, out]
  private final NDArray[] biases; // [K, 1, out]

  /** Views of {@code parameters} ([K, P]); writes into it (in place) are seen here. */
  StackedMlp(NDArray parameters, int[] sizes) {
    long agents = parameters.getShape().get(0);
    int layers = sizes.length - 1;
    long[] cuts = new long[2 * layers - 1];
    long offset = 0;
    for (int l = 0; l < layers; l++) {
      offset += (long) sizes[l + 1] * sizes[l];
      cuts[2 * l] = offset;
      offset += sizes[l + 1];
      if (l < layers - 1) {
        cuts[2 * l + 1] = offset;
      }
    }
    NDList pieces = parameters.split(cuts, 1);
    transposed = new NDArray[layers];
    biases = new NDArray[layers];
    for (int l = 0; l < layers; l++) {
      transposed[l] = pieces.get(2 * l).reshape(agents, sizes[l + 1], sizes[l]).transpose(0, 2, 1);
      biases[l] = pieces.get(2 * l + 1).reshape(agents, 1, sizes[l + 1]);
    }
  }

  /** The outputs for {@code input} ([K, rows, in]). */
  NDArray output(NDArray input) {
    NDArray x = input;
    for (int l = 0; l < transposed.length; l++) {
      NDArray z = linear(x, l);
      x = l < transposed.length - 1 ? Activation.relu(z) : z;
    }
    return x;
  }

  /** x W^T + b for layer l. */
  private NDArray linear(NDArray x, int l) {
    return x.matMul(transposed[l]).addi(biases[l]);
  }
}
