package fedvec.cluster.aggregation;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One line of aggregation.jsonl: what one RSU or the base station aggregated in one round.
 *
 * @param round the federated round
 * @param tier "rsu" or "bs"
 * @param rsu the RSU's id, null for the base station
 * @param actor the aggregating actor's path
 * @param node the address of the node it runs on
 * @param strategy the strategy's description
 * @param outcome "committed" or "aborted"
 * @param contributors contributor ids in summation order
 * @param missing expected contributors that did not arrive in time
 * @param rejected updates kept out of the aggregation, with their sender and reason (G6)
 * @param perf each contributor's perf
 * @param weights each contributor's weight
 * @param paramNorm Euclidean norm of the resulting model (0 when aborted)
 * @param bytes serialized parameter bytes received for this aggregation
 */
public record AggregationRecord(
    int round,
    String tier,
    Integer rsu,
    String actor,
    String node,
    String strategy,
    String outcome,
    List<Integer> contributors,
    List<Integer> missing,
    List<Rejected> rejected,
    double[] perf,
    double[] weights,
    @JsonProperty("param_norm") double paramNorm,
    long bytes) {

  /** An update rejected before aggregation: who sent it and why (e.g. "not-finite"). */
  public record Rejected(int contributor, String reason) {}
}
