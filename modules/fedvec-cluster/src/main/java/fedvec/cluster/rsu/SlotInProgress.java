package fedvec.cluster.rsu;

import fedvec.cluster.clock.SimulationClock;
import fedvec.model.offload.Cell;
import fedvec.model.offload.Decision;
import fedvec.model.offload.SlotTally;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.pekko.actor.typed.ActorRef;

/** An RSU's bookkeeping for one slot: who was asked, who answered, in id order. */
final class SlotInProgress {
  enum Phase {
    OBSERVING,
    ALLOCATING,
    TRAINING
  }

  final int episode;
  final int slot;
  final Cell cell;
  final ActorRef<SimulationClock.Command> clock;
  final TreeMap<Integer, Decision> decisions = new TreeMap<>();
  final Set<Integer> acknowledged = new TreeSet<>();
  final Set<Integer> memberIds = new TreeSet<>();
  Phase phase = Phase.OBSERVING;
  SlotTally tally = SlotTally.EMPTY;
  int deadlineMisses;

  SlotInProgress(int episode, int slot, Cell cell, ActorRef<SimulationClock.Command> clock) {
    this.episode = episode;
    this.slot = slot;
    this.cell = cell;
    this.clock = clock;
    cell.members().forEach(m -> memberIds.add(m.vehicleId()));
  }

  boolean is(int episode, int slot) {
    return this.episode == episode && this.slot == slot;
  }

  /**
   * Accepts a decision once per member while decisions are open; false for a stale or duplicate
   * one.
   */
  boolean accept(Decision decision) {
    return phase == Phase.OBSERVING
        && memberIds.contains(decision.vehicleId())
        && decisions.putIfAbsent(decision.vehicleId(), decision) == null;
  }

  boolean allDecided() {
    return decisions.size() == memberIds.size();
  }

  /** Members that did not decide: they count as idle this slot. */
  List<Integer> fillMissingDecisions() {
    List<Integer> missing = new ArrayList<>();
    for (int id : memberIds) {
      if (!decisions.containsKey(id)) {
        decisions.put(id, Decision.idle(id));
        missing.add(id);
      }
    }
    return missing;
  }

  List<Decision> decisionList() {
    return List.copyOf(decisions.values());
  }

  /** A member that stopped: idle if it had not decided, acknowledged if it had. */
  void lose(int vehicleId) {
    decisions.putIfAbsent(vehicleId, Decision.idle(vehicleId));
    if (phase == Phase.TRAINING) {
      acknowledged.add(vehicleId);
    }
  }

  boolean acknowledge(int vehicleId) {
    return phase == Phase.TRAINING && memberIds.contains(vehicleId) && acknowledged.add(vehicleId);
  }

  boolean allAcknowledged() {
    return acknowledged.size() == memberIds.size();
  }

  List<Integer> unacknowledged() {
    return memberIds.stream().filter(id -> !acknowledged.contains(id)).toList();
  }
}
