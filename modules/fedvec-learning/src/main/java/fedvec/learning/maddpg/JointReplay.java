package fedvec.learning.maddpg;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The central replay buffer of centralized MADDPG: joint slots (every vehicle's observation and
 * action of one slot), each linked to the next slot of its episode. A ring of at most {@code
 * capacity} slots in which at least one vehicle acted; sampling is uniform with replacement.
 */
public final class JointReplay {

  /**
   * One slot of one episode for all {@code agents} vehicles: observations (agent-major, zero for a
   * vehicle that sent none), actions (zero without a task), rewards, who acted, and the slot after
   * it (null at the episode's last slot).
   */
  public record JointSlot(
      float[] observations, float[] actions, float[] rewards, boolean[] acted, JointSlot next) {
    public boolean done() {
      return next == null;
    }
  }

  private final int agents;
  private final int stateSize;
  private final int actionSize;
  private final int capacity;
  private final List<JointSlot> slots = new ArrayList<>();
  private int next;

  public JointReplay(int agents, int stateSize, int actionSize, int capacity) {
    this.agents = agents;
    this.stateSize = stateSize;
    this.actionSize = actionSize;
    this.capacity = capacity;
  }

  /**
   * Adds one episode of {@code slotCount} slots from its experiences (any order; each (vehicle,
   * slot) at most once).
   */
  public void addEpisode(int slotCount, List<Experience> experiences) {
    float[][] observations = new float[slotCount][agents * stateSize];
    float[][] actions = new float[slotCount][agents * actionSize];
    float[][] rewards = new float[slotCount][agents];
    boolean[][] acted = new boolean[slotCount][agents];
    List<Experience> ordered = new ArrayList<>(experiences);
    ordered.sort(Comparator.comparingInt(Experience::slot).thenComparingInt(Experience::vehicleId));
    for (Experience e : ordered) {
      if (e.slot() < 0
          || e.slot() >= slotCount
          || e.vehicleId() < 0
          || e.vehicleId() >= agents
          || e.observation().length != stateSize
          || (e.action() != null && e.action().length != actionSize)) {
        throw new IllegalArgumentException(
            "experience of vehicle " + e.vehicleId() + " in slot " + e.slot() + " does not fit");
      }
      int i = e.vehicleId();
      System.arraycopy(e.observation(), 0, observations[e.slot()], i * stateSize, stateSize);
      if (e.action() != null) {
        System.arraycopy(e.action(), 0, actions[e.slot()], i * actionSize, actionSize);
        rewards[e.slot()][i] = e.reward();
        acted[e.slot()][i] = true;
      }
    }
    JointSlot after = null;
    JointSlot[] episode = new JointSlot[slotCount];
    for (int t = slotCount - 1; t >= 0; t--) {
      episode[t] = new JointSlot(observations[t], actions[t], rewards[t], acted[t], after);
      after = episode[t];
    }
    for (JointSlot slot : episode) {
      if (anyActed(slot.acted())) {
        if (slots.size() < capacity) {
          slots.add(slot);
        } else {
          slots.set(next, slot);
        }
        next = (next + 1) % capacity;
      }
    }
  }

  public int size() {
    return slots.size();
  }

  /** {@code count} slots drawn uniformly with replacement from {@code random}. */
  public List<JointSlot> sample(int count, SplittableRandom random) {
    if (slots.isEmpty()) {
      throw new IllegalStateException("cannot sample an empty buffer");
    }
    List<JointSlot> batch = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      batch.add(slots.get(random.nextInt(slots.size())));
    }
    return batch;
  }

  private static boolean anyActed(boolean[] acted) {
    for (boolean a : acted) {
      if (a) {
        return true;
      }
    }
    return false;
  }
}
