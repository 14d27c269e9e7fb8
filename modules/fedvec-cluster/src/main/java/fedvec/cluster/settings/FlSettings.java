package fedvec.cluster.settings;

/**
 * Quorum and deadlines of the federated rounds and the slot barrier (fedvec.fl).
 *
 * @param minFraction share of expected contributors an aggregation needs to commit
 * @param slotTimeoutMs deadline of one slot at an RSU
 * @param rsuTimeoutMs deadline of an RSU's model collection and distribution
 * @param bsTimeoutMs deadline of a whole round at the base station
 * @param maxUpdateNorm the largest parameter norm an update may have before it is rejected (G6)
 */
public record FlSettings(
    double minFraction,
    long slotTimeoutMs,
    long rsuTimeoutMs,
    long bsTimeoutMs,
    double maxUpdateNorm) {

  /** How many of {@code expected} contributors an aggregation needs (at least one). */
  public int quorum(int expected) {
    return Math.max(1, (int) Math.ceil(minFraction * expected - 1e-9));
  }
}
