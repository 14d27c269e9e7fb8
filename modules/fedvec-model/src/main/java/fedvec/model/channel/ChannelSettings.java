package fedvec.model.channel;

/**
 * The C-V2X channel of paper 000: total bandwidths (Table I) and the signal-to-noise ratio of eqs.
 * (3), (4), which the paper leaves open (ASSUME log-distance path loss around a reference SNR).
 *
 * @param v2vBandwidthHz B_v2v, the V2V bandwidth of one cell (Table I: 20 MHz)
 * @param v2rBandwidthHz B_v2r, the V2R bandwidth of one RSU (Table I: 15 MHz)
 * @param v2vSnrDbAtReference V2V SNR at the reference distance
 * @param v2rSnrDbAtReference V2R SNR at the reference distance
 * @param referenceDistanceM distance at which the reference SNRs hold
 * @param pathLossExponent log-distance path-loss exponent
 * @param minDistanceM distances below this are taken as this (the antennas never coincide)
 */
public record ChannelSettings(
    double v2vBandwidthHz,
    double v2rBandwidthHz,
    double v2vSnrDbAtReference,
    double v2rSnrDbAtReference,
    double referenceDistanceM,
    double pathLossExponent,
    double minDistanceM) {}
