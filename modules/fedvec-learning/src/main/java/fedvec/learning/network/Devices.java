package fedvec.learning.network;

import ai.djl.Device;
import ai.djl.engine.Engine;

/**
 * Where the networks train: the first GPU when the PyTorch build in use sees one (the {@code
 * -Pcuda} build on a CUDA machine), the CPU otherwise; {@code -Dfedvec.device=cpu} keeps them on
 * the CPU.
 */
public final class Devices {
  private static final Device TRAINING = pick();

  private Devices() {}

  public static Device training() {
    return TRAINING;
  }

  private static Device pick() {
    if ("cpu".equalsIgnoreCase(System.getProperty("fedvec.device", ""))) {
      return Device.cpu();
    }
    return Engine.getEngine("PyTorch").getGpuCount() > 0 ? Device.gpu() : Device.cpu();
  }
}
