package fedvec.learning.faults;

import java.util.Arrays;
import java.util.Optional;

/** What a faulty vehicle does to its upload. */
public enum FaultKind {
  NONE("none"),
  /** Gaussian noise on every parameter (a broken or malicious learner). */
  NOISE("noise"),
  /** Every parameter multiplied by a factor (a model blown up). */
  SCALE("scale"),
  /** An honest model with an inflated performance report (gaming the softmax weights of eq. 16). */
  INFLATE_PERF("inflate-perf"),
  /** NaN parameters (a diverged learner). */
  NAN("nan");

  private final String id;

  FaultKind(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static Optional<FaultKind> byId(String id) {
    return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
  }
}
