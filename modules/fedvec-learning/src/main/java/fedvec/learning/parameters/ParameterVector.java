package fedvec.learning.parameters;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A flat float32 snapshot of a model's parameters (actor then critic), tagged with the round it
 * belongs to. Messages carry it as little-endian bytes ({@link #toBytes}); NDArrays never leave
 * their owner.
 */
public final class ParameterVector {
  private final long version;
  private final float[] values;

  public ParameterVector(long version, float[] values) {
    this.version = version;
    this.values = values;
  }

  /** Unpacks {@link #toBytes} output. */
  public static ParameterVector fromBytes(long version, byte[] bytes) {
    if (bytes.length % Float.BYTES != 0) {
      throw new IllegalArgumentException(
          "parameter bytes must be a multiple of 4, got " + bytes.length);
    }
    float[] values = new float[bytes.length / Float.BYTES];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
    return new ParameterVector(version, values);
  }

  public long version() {
    return version;
  }

  public int size() {
    return values.length;
  }

  public float get(int i) {
    return values[i];
  }

  /** A copy of the values. */
  public float[] toArray() {
    return values.clone();
  }

  public ParameterVector withVersion(long newVersion) {
    return new ParameterVector(newVersion, values);
  }

  public byte[] toBytes() {
    ByteBuffer buffer =
        ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asFloatBuffer().put(values);
    return buffer.array();
  }

  /** The Euclidean norm, summed in index order. */
  public double norm() {
    double sum = 0.0;
    for (float v : values) {
      sum += (double) v * v;
    }
    return Math.sqrt(sum);
  }

  public boolean allFinite() {
    for (float v : values) {
      if (!Float.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ParameterVector p
        && p.version == version
        && Arrays.equals(p.values, values);
  }

  @Override
  public int hashCode() {
    return 31 * Long.hashCode(version) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "ParameterVector[version=" + version + ", size=" + values.length + "]";
  }
}
