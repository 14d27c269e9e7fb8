package fedvec.learning.network;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Thread-local autograd for the PyTorch engine. DJL's {@code GradientCollector} admits one
 * collector per JVM (a static flag in {@code PtGradientCollector}), which would serialise the
 * training of every vehicle on a node; libtorch's grad mode itself is per thread, so each training
 * thread records its own graph here.
 */
public final class GradMode implements AutoCloseable {
  private final boolean previous;

  private GradMode(boolean enabled) {
    previous = JniUtils.isGradMode();
    JniUtils.setGradMode(enabled);
  }

  /** Records operations on this thread until closed. */
  public static GradMode recording() {
    return new GradMode(true);
  }

  /** Records nothing on this thread until closed (inference, optimizer steps, target updates). */
  public static GradMode off() {
    return new GradMode(false);
  }

  /** Back-propagates a scalar loss into the gradients of the parameters it depends on. */
  public static void backward(NDArray loss) {
    try (NDArray seed = loss.onesLike()) {
      JniUtils.backward((PtNDArray) loss, (PtNDArray) seed, false, false);
    }
  }

  @Override
  public void close() {
    JniUtils.setGradMode(previous);
  }
}
