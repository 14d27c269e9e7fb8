package fedvec.cluster.node;

import fedvec.cluster.CborSerializable;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.DeadLetter;
import org.apache.pekko.actor.Dropped;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.eventstream.EventStream;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Counts the protocol messages (those that may cross nodes) that this node could not deliver: dead
 * letters and dropped messages (e.g. oversized payloads). A healthy run counts none.
 */
public final class DeadLetterWatch {
  private final AtomicLong lost = new AtomicLong();

  private DeadLetterWatch() {}

  /** Starts counting on {@code system}. */
  public static DeadLetterWatch start(ActorSystem<?> system) {
    DeadLetterWatch watch = new DeadLetterWatch();
    ActorRef<Object> listener =
        system.systemActorOf(
            Behaviors.receive(Object.class)
                .onMessage(DeadLetter.class, letter -> watch.count(letter.message()))
                .onMessage(Dropped.class, dropped -> watch.count(dropped.message()))
                .build(),
            "dead-letter-watch",
            Props.empty());
    system.eventStream().tell(new EventStream.Subscribe<>(DeadLetter.class, listener.narrow()));
    system.eventStream().tell(new EventStream.Subscribe<>(Dropped.class, listener.narrow()));
    return watch;
  }

  private org.apache.pekko.actor.typed.Behavior<Object> count(Object message) {
    if (message instanceof CborSerializable) {
      lost.incrementAndGet();
    }
    return Behaviors.same();
  }

  /** Protocol messages lost so far. */
  public long lost() {
    return lost.get();
  }
}
