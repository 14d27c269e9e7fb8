package fedvec.learning.replay;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A vehicle's replay buffer B_i: a ring of at most {@code capacity} transitions, stored in flat
 * arrays that grow on demand (thousands of vehicles must not each reserve the full capacity up
 * front). Sampling is uniform with replacement from the vehicle's own stream (ASSUME replay
 * sampling).
 */
public final class ReplayBuffer {
  private final int capacity;
  private final int stateSize;
  private final int actionSize;
  private float[] states = new float[0];
  private float[] actions = new float[0];
  private float[] rewards = new float[0];
  private float[] nextStates = new float[0];
  private float[] dones = new float[0];
  private int size;
  private int next;

  public ReplayBuffer(int capacity, int stateSize, int actionSize) {
    this.capacity = capacity;
    this.stateSize = stateSize;
    this.actionSize = actionSize;
  }

  public int size() {
    return size;
  }

  public void add(Transition t) {
    if (t.state().length != stateSize
        || t.nextState().length != stateSize
        || t.action().length != actionSize) {
      throw new IllegalArgumentException("transition does not match the buffer's dimensions");
    }
    if (next >= rewards.length) {
      grow();
    }
    System.arraycopy(t.state(), 0, states, next * stateSize, stateSize);
    System.arraycopy(t.action(), 0, actions, next * actionSize, actionSize);
    rewards[next] = t.reward();
    System.arraycopy(t.nextState(), 0, nextStates, next * stateSize, stateSize);
    dones[next] = t.done() ? 1f : 0f;
    next = (next + 1) % capacity;
    size = Math.min(size + 1, capacity);
  }

  public Batch sample(int batchSize, SplittableRandom random) {
    if (size == 0) {
      throw new IllegalStateException("cannot sample an empty buffer");
    }
    Batch b =
        new Batch(
            batchSize,
            new float[batchSize * stateSize],
            new float[batchSize * actionSize],
            new float[batchSize],
            new float[batchSize * stateSize],
            new float[batchSize]);
    for (int row = 0; row < batchSize; row++) {
      int i = random.nextInt(size);
      System.arraycopy(states, i * stateSize, b.states(), row * stateSize, stateSize);
      System.arraycopy(actions, i * actionSize, b.actions(), row * actionSize, actionSize);
      b.rewards()[row] = rewards[i];
      System.arraycopy(nextStates, i * stateSize, b.nextStates(), row * stateSize, stateSize);
      b.dones()[row] = dones[i];
    }
    return b;
  }

  private void grow() {
    int rows = Math.min(capacity, Math.max(256, rewards.length * 2));
    states = Arrays.copyOf(states, rows * stateSize);
    actions = Arrays.copyOf(actions, rows * actionSize);
    rewards = Arrays.copyOf(rewards, rows);
    nextStates = Arrays.copyOf(nextStates, rows * stateSize);
    dones = Arrays.copyOf(dones, rows);
  }
}
