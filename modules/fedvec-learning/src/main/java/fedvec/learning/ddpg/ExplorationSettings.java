package fedvec.learning.ddpg;

/**
 * Exploration of the hybrid action (the paper does not say; ASSUME exploration): epsilon-greedy on
 * the target, Gaussian noise on the two ratios, both decaying linearly over the first episodes.
 *
 * @param epsilonStart chance of a uniformly random target in episode 1
 * @param epsilonEnd the chance after the decay
 * @param ratioNoiseStart standard deviation of the ratio noise in episode 1
 * @param ratioNoiseEnd the standard deviation after the decay
 * @param decayEpisodes episodes over which both decay
 */
public record ExplorationSettings(
    double epsilonStart,
    double epsilonEnd,
    double ratioNoiseStart,
    double ratioNoiseEnd,
    int decayEpisodes) {

  /** Epsilon in {@code episode} (1-based). */
  public double epsilon(int episode) {
    return decay(epsilonStart, epsilonEnd, episode);
  }

  /** Ratio noise in {@code episode} (1-based). */
  public double ratioNoise(int episode) {
    return decay(ratioNoiseStart, ratioNoiseEnd, episode);
  }

  private double decay(double start, double end, int episode) {
    if (decayEpisodes <= 1) {
      return end;
    }
    double progress = Math.min(1.0, Math.max(0.0, (episode - 1) / (double) (decayEpisodes - 1)));
    return start + (end - start) * progress;
  }
}
