package fedvec.learning.ddpg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;

/**
 * K copies of one fully connected network (ReLU between layers, linear output) read as views of
 * their flat parameters {@code [K, P]} in {@link fedvec.learning.network.Mlp}'s order (per layer:
 * weight out x in row-major, then bias). Inputs are {@code [K, rows, in]}: every agent's rows go
 * through its own weights in one batched matrix product per layer, and each agent's result depends
 * on its own rows and weights alone (what makes a batched step equal to K separate ones).
 *
 * <p>Forward and backward are written out (no autograd tape): a step's few hundred small native
 * calls are what an update costs at these sizes, and the tape would add its own.
 */
final class StackedMlp {
  private final int agents;
  private final NDArray[] weights; // [K, out, in]
  private final NDArray[] transposed; // [K, in, out]
  private final NDArray[] biases; // [K, 1, out]

  /** Views of {@code parameters} ([K, P]); writes into it (in place) are seen here. */
  StackedMlp(NDArray parameters, int[] sizes) {
    this.agents = (int) parameters.getShape().get(0);
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
    weights = new NDArray[layers];
    transposed = new NDArray[layers];
    biases = new NDArray[layers];
    for (int l = 0; l < layers; l++) {
      weights[l] = pieces.get(2 * l).reshape(agents, sizes[l + 1], sizes[l]);
      transposed[l] = weights[l].transpose(0, 2, 1);
      biases[l] = pieces.get(2 * l + 1).reshape(agents, 1, sizes[l + 1]);
    }
  }

  /** The outputs for {@code input} ([K, rows, in]), keeping nothing for a backward pass. */
  NDArray output(NDArray input) {
    NDArray x = input;
    for (int l = 0; l < weights.length; l++) {
      NDArray z = linear(x, l);
      x = l < weights.length - 1 ? Activation.relu(z) : z;
    }
    return x;
  }

  /** The forward pass with what backward needs: each layer's input. */
  Pass forward(NDArray input) {
    NDArray[] inputs = new NDArray[weights.length];
    NDArray x = input;
    for (int l = 0; l < weights.length; l++) {
      inputs[l] = x;
      NDArray z = linear(x, l);
      x = l < weights.length - 1 ? Activation.relu(z) : z;
    }
    return new Pass(inputs, x);
  }

  /**
   * x W^T + b for layer l. A single output (the critic's Q) is a product and a sum instead:
   * libtorch computes a one-column batched product differently for one agent than for several
   * (measured), which would make an agent's result depend on who else is in its batch.
   */
  private NDArray linear(NDArray x, int l) {
    NDArray product =
        weights[l].getShape().get(1) == 1
            ? x.mul(weights[l]).sum(new int[] {2}, true)
            : x.matMul(transposed[l]);
    return product.addi(biases[l]);
  }

  /**
   * Gradients of the parameters ([K, P], the flat order) for {@code outputGradient} = dL/d output
   * ([K, rows, out]) of {@code pass}.
   */
  NDArray parameterGradients(Pass pass, NDArray outputGradient) {
    NDArray[] perLayer = new NDArray[2 * weights.length];
    NDArray dz = outputGradient;
    for (int l = weights.length - 1; l >= 0; l--) {
      NDArray x = pass.inputs[l];
      perLayer[2 * l] = dz.transpose(0, 2, 1).matMul(x).reshape(agents, -1);
      perLayer[2 * l + 1] = dz.sum(new int[] {1});
      if (l > 0) {
        dz = hiddenGradient(dz, l, x);
      }
    }
    return NDArrays.concat(new NDList(perLayer), 1);
  }

  /** dL/d input ([K, rows, in]) for {@code outputGradient} = dL/d output of {@code pass}. */
  NDArray inputGradient(Pass pass, NDArray outputGradient) {
    NDArray dz = outputGradient;
    for (int l = weights.length - 1; l > 0; l--) {
      dz = hiddenGradient(dz, l, pass.inputs[l]);
    }
    return dz.matMul(weights[0]);
  }

  /** From dL/dz of layer l to dL/dz of layer l - 1, whose ReLU output is {@code activation}. */
  private NDArray hiddenGradient(NDArray dz, int l, NDArray activation) {
    return dz.matMul(weights[l]).muli(activation.sign()); // relu'(z) = 1 where the output is > 0
  }

  /** One forward pass: each layer's input and the network's output. */
  record Pass(NDArray[] inputs, NDArray output) {}
}
