package fedvec.learning.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import fedvec.learning.parameters.ParameterLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A fully connected network (ReLU between layers, linear output) as a DJL block, with its
 * parameters readable and writable as one flat float array in the block's parameter order.
 */
public final class Mlp {
  /** Bound of the output layer's uniform initialisation (Lillicrap et al., DDPG). */
  static final double OUTPUT_INIT_BOUND = 3e-3;

  private final String name;
  private final int[] sizes;
  private final SequentialBlock block = new SequentialBlock();
  private final List<NDArray> parameters = new ArrayList<>();

  /**
   * Builds and initialises the network in {@code manager} with the values of {@link
   * #initialValues}.
   *
   * @param sizes the input size, the hidden sizes, then the output size
   */
  public Mlp(String name, int[] sizes, NDManager manager, float[] values) {
    this.name = name;
    this.sizes = sizes.clone();
    for (int layer = 1; layer < sizes.length; layer++) {
      block.add(Linear.builder().setUnits(sizes[layer]).build());
      if (layer < sizes.length - 1) {
        block.add(Activation::relu);
      }
    }
    block.initialize(manager, DataType.FLOAT32, new Shape(1, sizes[0]));
    for (Pair<String, Parameter> p : block.getParameters()) {
      parameters.add(p.getValue().getArray());
    }
    load(values, 0);
  }

  /**
   * Initial values in the block's order (per layer: weight (out x in) row-major, then bias):
   * uniform in +-1/sqrt(fan_in) as PyTorch's Linear default, the output layer in +-3e-3 (ASSUME
   * network init). They come from {@code random} alone, so every vehicle that uses the same stream
   * starts from the same model.
   */
  public static float[] initialValues(int[] sizes, SplittableRandom random) {
    int total = 0;
    for (int layer = 1; layer < sizes.length; layer++) {
      total += sizes[layer] * sizes[layer - 1] + sizes[layer];
    }
    float[] values = new float[total];
    int k = 0;
    for (int layer = 1; layer < sizes.length; layer++) {
      double bound =
          layer == sizes.length - 1 ? OUTPUT_INIT_BOUND : 1.0 / Math.sqrt(sizes[layer - 1]);
      int count = sizes[layer] * sizes[layer - 1] + sizes[layer];
      for (int i = 0; i < count; i++) {
        values[k++] = (float) ((random.nextDouble() * 2 - 1) * bound);
      }
    }
    return values;
  }

  public NDArray forward(ParameterStore store, NDArray input, boolean training) {
    return block.forward(store, new NDList(input), training).singletonOrThrow();
  }

  /** The output for one input vector, recording no gradients (acting, not training). */
  public float[] infer(NDManager manager, ParameterStore store, float[] input) {
    try (GradMode off = GradMode.off();
        NDManager scope = manager.newSubManager()) {
      NDArray batch = scope.create(input, new Shape(1, input.length));
      return forward(store, batch, false).toFloatArray();
    }
  }

  public int size() {
    return parameters.stream().mapToInt(p -> (int) p.size()).sum();
  }

  public ParameterLayout layout() {
    return layout(name, sizes);
  }

  /**
   * The tensors of a network of {@code sizes} named {@code name}, as DJL's sequential block names
   * them (Linear blocks at odd positions, the ReLUs between): name/01Linear_weight, .._bias, ...
   */
  public static ParameterLayout layout(String name, int[] sizes) {
    List<ParameterLayout.Entry> entries = new ArrayList<>();
    for (int layer = 1; layer < sizes.length; layer++) {
      String block = String.format("%s/%02dLinear_", name, 2 * layer - 1);
      entries.add(new ParameterLayout.Entry(block + "weight", sizes[layer] * sizes[layer - 1]));
      entries.add(new ParameterLayout.Entry(block + "bias", sizes[layer]));
    }
    return new ParameterLayout(entries);
  }

  /** Copies the parameters into {@code out} from {@code offset}; returns the offset after them. */
  public int export(float[] out, int offset) {
    for (NDArray p : parameters) {
      float[] values = p.toFloatArray();
      System.arraycopy(values, 0, out, offset, values.length);
      offset += values.length;
    }
    return offset;
  }

  /**
   * Overwrites the parameters from {@code values} at {@code offset}; returns the offset after them.
   */
  public int load(float[] values, int offset) {
    try (GradMode off = GradMode.off()) {
      for (NDArray p : parameters) {
        int n = (int) p.size();
        float[] slice = new float[n];
        System.arraycopy(values, offset, slice, 0, n);
        p.set(slice);
        offset += n;
      }
    }
    return offset;
  }

  /** theta' <- rate * theta + (1 - rate) * theta' for every tensor: eqs. (20), (21). */
  public void softUpdateFrom(Mlp online, float rate) {
    try (GradMode off = GradMode.off()) {
      for (int i = 0; i < parameters.size(); i++) {
        try (NDArray scaled = online.parameters.get(i).mul(rate)) {
          parameters.get(i).muli(1f - rate).addi(scaled);
        }
      }
    }
  }

  /** Lets or stops gradients flowing into these parameters (targets never need them). */
  public void setTrainable(boolean trainable) {
    block.freezeParameters(!trainable);
  }

  /** Clears accumulated gradients (PyTorch adds into .grad on every backward). */
  public void zeroGradients() {
    for (NDArray p : parameters) {
      if (p.hasGradient()) {
        JniUtils.zeroGrad((PtNDArray) p);
      }
    }
  }

  /** The parameter tensors, in block order (the optimizer's view). */
  List<NDArray> parameterArrays() {
    return parameters;
  }
}
