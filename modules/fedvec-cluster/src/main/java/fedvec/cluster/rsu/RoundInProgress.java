package fedvec.cluster.rsu;

import fedvec.cluster.bs.BaseStation;
import fedvec.learning.aggregation.Contribution;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * An RSU's bookkeeping for one federated round: its members' models, then their acknowledgements.
 */
final class RoundInProgress {
  enum Phase {
    COLLECTING,
    AGGREGATED,
    DISTRIBUTING
  }

  final int round;
  final List<Integer> members;
  final ActorRef<BaseStation.Command> baseStation;
  final TreeMap<Integer, Contribution> contributions = new TreeMap<>();
  final Set<Integer> loaded = new TreeSet<>();
  Phase phase = Phase.COLLECTING;
  long bytes;

  RoundInProgress(int round, List<Integer> members, ActorRef<BaseStation.Command> baseStation) {
    this.round = round;
    this.members = List.copyOf(members);
    this.baseStation = baseStation;
  }

  /**
   * Accepts a model once per member while collecting; false for a stale, foreign or duplicate one.
   */
  boolean accept(Contribution contribution, int byteCount) {
    if (phase != Phase.COLLECTING
        || !members.contains(contribution.contributorId())
        || contributions.containsKey(contribution.contributorId())) {
      return false;
    }
    contributions.put(contribution.contributorId(), contribution);
    bytes += byteCount;
    return true;
  }

  boolean allCollected() {
    return contributions.size() == members.size();
  }

  List<Integer> missingModels() {
    List<Integer> missing = new ArrayList<>();
    for (int id : members) {
      if (!contributions.containsKey(id)) {
        missing.add(id);
      }
    }
    return missing;
  }

  boolean markLoaded(int vehicleId) {
    return phase == Phase.DISTRIBUTING && members.contains(vehicleId) && loaded.add(vehicleId);
  }

  boolean allLoaded() {
    return loaded.size() == members.size();
  }
}
