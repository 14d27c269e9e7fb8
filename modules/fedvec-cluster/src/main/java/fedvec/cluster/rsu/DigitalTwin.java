package fedvec.cluster.rsu;

import fedvec.model.twin.ResourceSnapshot;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The digital twin of one RSU's edge server and radio: it mirrors the resource state measured in
 * the last slot and is the source of the RSU part of every vehicle's observation.
 */
public final class DigitalTwin extends AbstractBehavior<DigitalTwin.Command> {

  /** Messages of the twin: local to its RSU, never serialised. */
  public interface Command extends NoSerializationVerificationNeeded {}

  /** The RSU reports what its edge server and radio carried in a slot. */
  public record Update(ResourceSnapshot snapshot) implements Command {}

  /** The RSU asks for the current mirror at the start of a slot. */
  public record GetSnapshot(int episode, int slot, ActorRef<Snapshot> replyTo) implements Command {}

  /** The twin's answer, for the slot asked about. */
  public record Snapshot(int episode, int slot, ResourceSnapshot resources)
      implements NoSerializationVerificationNeeded {}

  private ResourceSnapshot current = ResourceSnapshot.IDLE;

  public static Behavior<Command> create() {
    return Behaviors.setup(DigitalTwin::new);
  }

  private DigitalTwin(ActorContext<Command> context) {
    super(context);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Update.class, this::onUpdate)
        .onMessage(GetSnapshot.class, this::onGetSnapshot)
        .build();
  }

  private Behavior<Command> onUpdate(Update update) {
    current = update.snapshot();
    return this;
  }

  private Behavior<Command> onGetSnapshot(GetSnapshot request) {
    request.replyTo().tell(new Snapshot(request.episode(), request.slot(), current));
    return this;
  }
}
