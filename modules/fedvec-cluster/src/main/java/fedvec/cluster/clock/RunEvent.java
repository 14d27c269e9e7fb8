package fedvec.cluster.clock;

import fedvec.cluster.CborSerializable;
import fedvec.cluster.aggregation.AggregationRecord;
import fedvec.cluster.traffic.TrafficTally;
import java.util.List;

/** What the clock reports to whoever started the run. */
public interface RunEvent extends CborSerializable {

  /**
   * An episode (and its federated round) finished.
   *
   * @param aggregations the round's aggregation lines: RSUs by id, then the base station
   * @param traffic messages and bytes per link during the episode and its round
   * @param globalModel the global model after this episode's round when a checkpoint is due, else
   *     empty
   */
  record EpisodeCompleted(
      EpisodeMetrics metrics,
      List<AggregationRecord> aggregations,
      TrafficTally traffic,
      byte[] globalModel)
      implements RunEvent {}

  /** The last episode finished. */
  record RunCompleted(int episodes) implements RunEvent {}

  /** The run could not start or go on. */
  record RunFailed(String reason) implements RunEvent {}
}
