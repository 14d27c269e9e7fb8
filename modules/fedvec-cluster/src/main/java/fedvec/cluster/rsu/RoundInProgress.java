package fedvec.cluster.rsu;

import fedvec.cluster.aggregation.AggregationRecord;
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
  final List<AggregationRecord.Rejected> rejected = new ArrayList<>();
  final Set<Integer> lost = new TreeSet<>();
  Phase phase = Phase.COLLECTING;
  long bytes;
  int deadlineMisses;

  RoundInProgress(int round, List<Integer> members, ActorRef<BaseStation.Command> baseStation) {
    this.round = round;
    this.members = List.copyOf(members);
    this.baseStation = baseStation;
  }

  /**
   * Whether a model of {@code vehicleId} is still expected: a member that has not answered yet. Its
   * first answer counts, accepted or rejected (each vehicle counts at most once per round).
   */
  boolean awaits(int vehicleId) {
    return phase == Phase.COLLECTING
        && members.contains(vehicleId)
        && !contributions.containsKey(vehicleId)
        && !lost.contains(vehicleId)
        && rejected.stream().noneMatch(r -> r.contributor() == vehicleId);
  }

  /** Takes a validated model of a vehicle that {@link #awaits} it. */
  void accept(Contribution contribution, int byteCount) {
    contributions.put(contribution.contributorId(), contribution);
    bytes += byteCount;
  }

  /** Every member answered, with a model that was accepted or rejected, or was lost. */
  boolean allAnswered() {
    return contributions.size() + rejected.size() + lost.size() == members.size();
  }

  /**
   * A member that stopped (G3): while collecting it will send no model; while distributing it will
   * load nothing. Returns whether this changed anything.
   */
  boolean lose(int vehicleId) {
    if (!members.contains(vehicleId)) {
      return false;
    }
    if (phase == Phase.COLLECTING && awaits(vehicleId)) {
      return lost.add(vehicleId);
    }
    if (phase == Phase.DISTRIBUTING) {
      return loaded.add(vehicleId);
    }
    return false;
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
