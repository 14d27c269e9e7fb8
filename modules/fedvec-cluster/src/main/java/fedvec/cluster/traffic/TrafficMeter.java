package fedvec.cluster.traffic;

import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.Serialization$;
import org.apache.pekko.serialization.SerializationExtension;

/**
 * Counts the messages an actor sends or receives on a link, with the size their configured
 * serializer gives them. It serializes each counted message itself, so a run on one node (where
 * Pekko passes messages by reference) counts exactly as a run across nodes. Confined to its owning
 * actor.
 */
public final class TrafficMeter {
  private final ExtendedActorSystem system;
  private final Serialization serialization;
  private final long[] messages = new long[Link.values().length];
  private final long[] bytes = new long[Link.values().length];

  public TrafficMeter(ActorSystem<?> system) {
    this.system = (ExtendedActorSystem) system.classicSystem();
    this.serialization = SerializationExtension.get(this.system);
  }

  public void count(Link link, Object message) {
    messages[link.ordinal()]++;
    // actor references serialise to their full address, which needs the system's transport
    // information
    byte[] serialized =
        Serialization$.MODULE$.withTransportInformation(
            system, () -> serialization.findSerializerFor(message).toBinary(message));
    bytes[link.ordinal()] += serialized.length;
  }

  /** What was counted since the last drain; the meter starts again from zero. */
  public TrafficTally drain() {
    TrafficTally tally = new TrafficTally(messages.clone(), bytes.clone());
    java.util.Arrays.fill(messages, 0);
    java.util.Arrays.fill(bytes, 0);
    return tally;
  }
}
