package fedvec.model.channel;

/** Transmission rates and link ranges of paper 000, section II-B and II-C. */
public final class Channel {
  private Channel() {}

  /** SNR in dB at {@code distanceM} under log-distance path loss (ASSUME snr model). */
  public static double snrDb(double snrDbAtReference, double distanceM, ChannelSettings channel) {
    double d = Math.max(Math.abs(distanceM), channel.minDistanceM());
    return snrDbAtReference
        - 10.0 * channel.pathLossExponent() * Math.log10(d / channel.referenceDistanceM());
  }

  /** Spectral efficiency log2(1 + S/N) for an SNR in dB. */
  public static double spectralEfficiency(double snrDb) {
    return Math.log(1.0 + Math.pow(10.0, snrDb / 10.0)) / Math.log(2.0);
  }

  /** Shannon rate r = beta * B * log2(1 + S/N): eq. (3) for V2V, eq. (4) for V2R. */
  public static double rateBps(double bandwidthShare, double bandwidthHz, double snrDb) {
    return bandwidthShare * bandwidthHz * spectralEfficiency(snrDb);
  }

  /**
   * How long a link stays within {@code rangeM} while the signed offset between the two ends
   * changes linearly: offset(t) = offset0 + closingSpeed * t, eqs. (1) and (2). Returns {@code
   * Double.POSITIVE_INFINITY} when it never leaves, and 0 when it starts out of range (constraints
   * C3, C4 of eq. 13).
   */
  public static double secondsInRange(double offset0M, double relativeSpeedMps, double rangeM) {
    if (Math.abs(offset0M) > rangeM) {
      return 0.0;
    }
    if (relativeSpeedMps > 0) {
      return (rangeM - offset0M) / relativeSpeedMps;
    }
    if (relativeSpeedMps < 0) {
      return (-rangeM - offset0M) / relativeSpeedMps;
    }
    return Double.POSITIVE_INFINITY;
  }
}
