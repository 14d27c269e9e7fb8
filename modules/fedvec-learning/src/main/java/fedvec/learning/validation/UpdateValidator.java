package fedvec.learning.validation;

import fedvec.learning.parameters.ParameterVector;
import java.util.Optional;

/**
 * Checks a model update before any aggregation sees it (guarantee G6): the expected shape, finite
 * values and performance, and a parameter norm within the configured bound. A rejected update never
 * reaches a strategy.
 */
public final class UpdateValidator {
  private final int expectedSize;
  private final double maxNorm;

  /**
   * @param expectedSize floats in a model (actor then critic)
   * @param maxNorm the largest Euclidean norm an update may have
   */
  public UpdateValidator(int expectedSize, double maxNorm) {
    this.expectedSize = expectedSize;
    this.maxNorm = maxNorm;
  }

  /** Why {@code update} must be rejected, or empty when it may be aggregated. */
  public Optional<RejectionReason> check(ParameterVector update, double perf) {
    if (update.size() != expectedSize) {
      return Optional.of(RejectionReason.WRONG_SHAPE);
    }
    if (!update.allFinite() || !Double.isFinite(perf)) {
      return Optional.of(RejectionReason.NOT_FINITE);
    }
    if (update.norm() > maxNorm) {
      return Optional.of(RejectionReason.NORM_ABOVE_BOUND);
    }
    return Optional.empty();
  }
}
