package fedvec.cluster.clock;

import fedvec.model.offload.SlotTally;

/**
 * What one episode produced, summed over its slots in order and over the RSUs in id order.
 *
 * @param episode 1-based episode number
 * @param tally the sums of every task outcome
 * @param vehicles vehicles in the run (reward per vehicle = tally.reward / vehicles)
 * @param round "committed", "aborted", or "none" for non-federated algorithms
 * @param deadlineMisses waits of the episode and its round that ended at their deadline (slots at
 *     RSUs or the clock, model collection or distribution at RSUs or the BS)
 * @param wallMs wall-clock milliseconds of the episode and its round (not deterministic)
 */
public record EpisodeMetrics(
    int episode, SlotTally tally, int vehicles, String round, int deadlineMisses, long wallMs) {}
