package fedvec.cluster.node;

import fedvec.cluster.CborSerializable;
import fedvec.cluster.settings.RunSpec;
import fedvec.learning.network.EngineWarmUp;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * One per node: it makes the node known to the coordinator (through the receptionist), hosts the
 * run the coordinator hands it, and shuts the node down when the run is over. Nodes need no run
 * settings of their own: every node hosts the very spec the coordinator loaded.
 */
public final class NodeAgent extends AbstractBehavior<NodeAgent.Command> {
  public static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "fedvec-node");

  /** Messages of the node agent; all come from the coordinator. */
  public interface Command extends CborSerializable {}

  /** Host {@code spec}'s entities and singletons on this node. */
  public record HostRun(RunSpec spec, ActorRef<Hosted> replyTo) implements Command {}

  /** The node hosts the run. */
  public record Hosted(String node) implements CborSerializable {}

  /** The run is over; leave the cluster and stop. */
  public record Shutdown(String reason) implements Command {}

  /** The CoordinatedShutdown reason of a node stopped because its run finished. */
  public enum RunFinished implements CoordinatedShutdown.Reason {
    INSTANCE
  }

  private RunSpec hosted;

  /** Spawns the agent of this node. */
  public static Behavior<Command> create() {
    return Behaviors.setup(NodeAgent::new);
  }

  private NodeAgent(ActorContext<Command> context) {
    super(context);
    context.getSystem().receptionist().tell(Receptionist.register(KEY, context.getSelf()));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(HostRun.class, this::onHostRun)
        .onMessage(Shutdown.class, this::onShutdown)
        .build();
  }

  private Behavior<Command> onHostRun(HostRun request) {
    if (hosted == null) {
      // the tensor engine loaded now, not inside the first slot's deadline (FedvecNode.start began
      // loading it)
      EngineWarmUp.await();
      FedvecNode.host(getContext().getSystem(), request.spec());
      hosted = request.spec();
      getContext().getLog().info("hosting run: {}", request.spec().run());
    } else if (!hosted.run().equals(request.spec().run())) {
      getContext().getLog().error("already hosting another run; {} ignored", request.spec().run());
      return this;
    }
    request.replyTo().tell(new Hosted(getContext().getSystem().address().toString()));
    return this;
  }

  private Behavior<Command> onShutdown(Shutdown shutdown) {
    getContext().getLog().info("shutting down: {}", shutdown.reason());
    CoordinatedShutdown.get(getContext().getSystem()).runAll(RunFinished.INSTANCE);
    return this;
  }

  /**
   * Whether the node stopped because its run finished (exit code 0) rather than for another reason.
   */
  public static boolean finishedNormally(org.apache.pekko.actor.typed.ActorSystem<?> system) {
    return CoordinatedShutdown.get(system)
        .getShutdownReason()
        .map(reason -> reason == RunFinished.INSTANCE)
        .orElse(false);
  }
}
