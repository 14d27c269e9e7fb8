package fedvec.cluster.clock;

import fedvec.cluster.CborSerializable;

/** What the clock reports to whoever started the run. */
public interface RunEvent extends CborSerializable {

  /** An episode (and its federated round) finished. */
  record EpisodeCompleted(EpisodeMetrics metrics) implements RunEvent {}

  /** The last episode finished. */
  record RunCompleted(int episodes) implements RunEvent {}
}
