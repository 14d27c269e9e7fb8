package fedvec.cluster.rsu;

import fedvec.model.compute.ProportionalShare;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * An RSU's edge server: it owns the CPU and splits it among the tasks offloaded to it in a slot.
 */
public final class EdgeServer extends AbstractBehavior<EdgeServer.Command> {

  /** Messages of the edge server: local to its RSU, never serialised. */
  public interface Command extends NoSerializationVerificationNeeded {}

  /**
   * Tasks ask for shares of the CPU.
   *
   * @param computeRatios p^c of each RSU-bound task, in vehicle-id order
   */
  public record Allocate(
      int episode, int slot, double[] computeRatios, ActorRef<Allocation> replyTo)
      implements Command {}

  /** The CPU granted to each task, in the order asked, in Hz. */
  public record Allocation(int episode, int slot, double[] grantsHz)
      implements NoSerializationVerificationNeeded {}

  private final double cpuHz;
  private final double minRatio;

  public static Behavior<Command> create(double cpuHz, double minRatio) {
    return Behaviors.setup(context -> new EdgeServer(context, cpuHz, minRatio));
  }

  private EdgeServer(ActorContext<Command> context, double cpuHz, double minRatio) {
    super(context);
    this.cpuHz = cpuHz;
    this.minRatio = minRatio;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder().onMessage(Allocate.class, this::onAllocate).build();
  }

  private Behavior<Command> onAllocate(Allocate request) {
    double[] grants = ProportionalShare.grants(cpuHz, request.computeRatios(), minRatio);
    request.replyTo().tell(new Allocation(request.episode(), request.slot(), grants));
    return this;
  }
}
