package fedvec.learning.faults;

import fedvec.learning.parameters.ParameterVector;
import java.util.SplittableRandom;

/**
 * Corrupts a faulty vehicle's upload as its {@link FaultSettings} say; honest vehicles never call
 * it.
 */
public final class FaultyUpload {
  private final FaultSettings settings;
  private final SplittableRandom random;

  /**
   * @param random the vehicle's own fault stream
   */
  public FaultyUpload(FaultSettings settings, SplittableRandom random) {
    this.settings = settings;
    this.random = random;
  }

  public ParameterVector parameters(ParameterVector honest) {
    float[] values = honest.toArray();
    switch (settings.kind()) {
      case NOISE -> {
        for (int i = 0; i < values.length; i++) {
          values[i] += (float) (settings.noiseStd() * random.nextGaussian());
        }
      }
      case SCALE -> {
        for (int i = 0; i < values.length; i++) {
          values[i] *= (float) settings.scale();
        }
      }
      case NAN -> java.util.Arrays.fill(values, Float.NaN);
      case NONE, INFLATE_PERF -> {
        return honest;
      }
    }
    return new ParameterVector(honest.version(), values);
  }

  public double perf(double honest) {
    return settings.kind() == FaultKind.INFLATE_PERF ? honest + settings.perfBoost() : honest;
  }
}
