package fedvec.cluster.traffic;

import java.util.Arrays;

/**
 * Messages and serialized bytes per {@link Link}, indexed by the link's ordinal. Integer sums, so
 * the order of adding does not matter.
 */
public record TrafficTally(long[] messages, long[] bytes) {

  public static TrafficTally empty() {
    return new TrafficTally(new long[Link.values().length], new long[Link.values().length]);
  }

  public long messages(Link link) {
    return messages[link.ordinal()];
  }

  public long bytes(Link link) {
    return bytes[link.ordinal()];
  }

  public TrafficTally plus(TrafficTally other) {
    long[] m = messages.clone();
    long[] b = bytes.clone();
    for (int i = 0; i < m.length; i++) {
      m[i] += other.messages[i];
      b[i] += other.bytes[i];
    }
    return new TrafficTally(m, b);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TrafficTally t
        && Arrays.equals(messages, t.messages)
        && Arrays.equals(bytes, t.bytes);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(messages) + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("TrafficTally[");
    for (Link link : Link.values()) {
      s.append(link.label())
          .append('=')
          .append(messages(link))
          .append('/')
          .append(bytes(link))
          .append("B ");
    }
    return s.append(']').toString();
  }
}
