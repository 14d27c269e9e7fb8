package fedvec.learning.replay;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A vehicle's replay buffer B_i: a ring of at most {@code capacity} transitions, each stored as one
 * row (s, a, r, s', done) of a flat array that grows on demand (thousands of vehicles must not each
 * reserve the full capacity up front). Sampling is uniform with replacement from the vehicle's own
 * stream (ASSUME replay sampling).
 */
public final class ReplayBuffer {
  private final int capacity;
  private final int stateSize;
  private final int actionSize;
  private final int width; // floats in a row
  private float[] rows = new float[0];
  private int size;
  private int next;

  public ReplayBuffer(int capacity, int stateSize, int actionSize) {
    this.capacity = capacity;
    this.stateSize = stateSize;
    this.actionSize = actionSize;
    this.width = 2 * stateSize + actionSize + 2;
  }

  public int size() {
    return size;
  }

  /** Floats in a sampled row: (s, a, r, s', done). */
  public int rowWidth() {
    return width;
  }

  public void add(Transition t) {
    if (t.state().length != stateSize
        || t.nextState().length != stateSize
        || t.action().length != actionSize) {
      throw new IllegalArgumentException("transition does not match the buffer's dimensions");
    }
    if ((next + 1) * width > rows.length) {
      rows =
          Arrays.copyOf(rows, Math.min(capacity, Math.max(256, 2 * rows.length / width)) * width);
    }
    int at = next * width;
    System.arraycopy(t.state(), 0, rows, at, stateSize);
    System.arraycopy(t.action(), 0, rows, at + stateSize, actionSize);
    rows[at + stateSize + actionSize] = t.reward();
    System.arraycopy(t.nextState(), 0, rows, at + stateSize + actionSize + 1, stateSize);
    rows[at + width - 1] = t.done() ? 1f : 0f;
    next = (next + 1) % capacity;
    size = Math.min(size + 1, capacity);
  }

  /**
   * Draws {@code batchSize} rows (s, a, r, s', done) into {@code out} from {@code offset}, one
   * after another.
   */
  public void sampleRows(int batchSize, SplittableRandom random, float[] out, int offset) {
    if (size == 0) {
      throw new IllegalStateException("cannot sample an empty buffer");
    }
    for (int row = 0; row < batchSize; row++) {
      System.arraycopy(rows, random.nextInt(size) * width, out, offset + row * width, width);
    }
  }

  /** The same draw as {@link #sampleRows}, as a {@link Batch}. */
  public Batch sample(int batchSize, SplittableRandom random) {
    float[] drawn = new float[batchSize * width];
    sampleRows(batchSize, random, drawn, 0);
    Batch b =
        new Batch(
            batchSize,
            new float[batchSize * stateSize],
            new float[batchSize * actionSize],
            new float[batchSize],
            new float[batchSize * stateSize],
            new float[batchSize]);
    for (int row = 0; row < batchSize; row++) {
      int at = row * width;
      System.arraycopy(drawn, at, b.states(), row * stateSize, stateSize);
      System.arraycopy(drawn, at + stateSize, b.actions(), row * actionSize, actionSize);
      b.rewards()[row] = drawn[at + stateSize + actionSize];
      System.arraycopy(
          drawn, at + stateSize + actionSize + 1, b.nextStates(), row * stateSize, stateSize);
      b.dones()[row] = drawn[at + width - 1];
    }
    return b;
  }
}
