package fedvec.model.compute;

/**
 * Splits one resource (CPU cycles per second, or bandwidth) among the tasks that ask for it in a
 * slot.
 *
 * <p>ASSUME allocation rule: a task asking for ratio p_j (the action's p^c or p^k, eq. 14, clamped
 * to [min-ratio, 1]) gets capacity * p_j / max(1, sum_k p_k): what it asked for while the resource
 * is not over-subscribed, a proportional share when it is. Sums run in request order, which callers
 * keep in vehicle-id order, so the result does not depend on message arrival.
 */
public final class ProportionalShare {
  private ProportionalShare() {}

  /** The grant of each request, in the units of {@code capacity}. */
  public static double[] grants(double capacity, double[] ratios, double minRatio) {
    double[] clamped = new double[ratios.length];
    double total = 0.0;
    for (int i = 0; i < ratios.length; i++) {
      clamped[i] = clamp(ratios[i], minRatio);
      total += clamped[i];
    }
    double scale = capacity / Math.max(1.0, total);
    double[] grants = new double[ratios.length];
    for (int i = 0; i < ratios.length; i++) {
      grants[i] = clamped[i] * scale;
    }
    return grants;
  }

  /** A requested ratio as the allocator sees it: within [minRatio, 1]; NaN counts as minRatio. */
  public static double clamp(double ratio, double minRatio) {
    if (Double.isNaN(ratio)) {
      return minRatio;
    }
    return Math.max(minRatio, Math.min(1.0, ratio));
  }
}
