package fedvec.model.random;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Derives independent random streams from one master seed, keyed by purpose and entity ids, so that
 * a draw never depends on creation or message order (the determinism contract of architecture.md).
 */
public final class SeedStreams {
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private SeedStreams() {}

  /** The seed of the stream for ({@code masterSeed}, {@code purpose}, {@code ids...}). */
  public static long derive(long masterSeed, String purpose, long... ids) {
    long h = mix(masterSeed ^ GOLDEN_GAMMA);
    for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
      h = mix(h ^ (b & 0xFF) + GOLDEN_GAMMA);
    }
    for (long id : ids) {
      // separate the purpose from the ids so ("a", 1) and ("a1") cannot collide
      h = mix(h + GOLDEN_GAMMA * (id + 1));
    }
    return h;
  }

  /** A fresh generator for ({@code masterSeed}, {@code purpose}, {@code ids...}). */
  public static SplittableRandom stream(long masterSeed, String purpose, long... ids) {
    return new SplittableRandom(derive(masterSeed, purpose, ids));
  }

  /** A uniform draw in [low, high); {@code low} when the range is empty. */
  public static double uniform(SplittableRandom random, double low, double high) {
    return high > low ? low + random.nextDouble() * (high - low) : low;
  }

  /** The SplitMix64 finalizer: a bijective avalanche of 64 bits. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
