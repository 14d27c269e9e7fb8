package fedvec.cluster.vehicle;

import fedvec.cluster.node.FedvecNode;
import fedvec.learning.ddpg.DdpgAgent;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * One per node: the training steps of the node's vehicles, computed together in batched passes
 * ({@link DdpgAgent#updateTogether}: stacked weights, batched matrix products). Each vehicle still
 * owns its learner (parameters, optimizer state, buffer, random streams) and asks for its step with
 * {@link Train}; its result does not depend on who else is in its pass, so batching changes no
 * metric.
 *
 * <p>Work-conserving: while fewer than {@code fedvec.training-batcher.parallelism} passes run, a
 * request starts a pass at once with every request waiting (at most {@code max-agents-per-pass});
 * otherwise requests wait for the next free thread. The vehicles of a slot, whose requests arrive
 * over a millisecond or two, thus fill passes that grow with the load and keep the training
 * dispatcher's threads busy without waiting for stragglers. Each vehicle hears {@link
 * Vehicle.Trained} when its pass is done.
 */
public final class TrainingBatcher extends AbstractBehavior<TrainingBatcher.Command> {

  /** Only local messages: they carry the learners themselves. */
  public interface Command extends NoSerializationVerificationNeeded {}

  /**
   * One step for {@code agent} (none if its buffer is short); the answer goes to {@code replyTo}.
   */
  public record Train(DdpgAgent agent, ActorRef<Vehicle.Command> replyTo) implements Command {}

  /** The vehicle stopped while its step was asked for: close the learner once the step is done. */
  public record Release(DdpgAgent agent) implements Command {}

  private record PassDone(List<Train> pass, Throwable failure) implements Command {}

  /** Where a node's batcher is found: started with the node's first vehicle that asks. */
  public static final class Id extends ExtensionId<Holder> {
    @Override
    public Holder createExtension(ActorSystem<?> system) {
      return new Holder(
          system.systemActorOf(
              create(),
              "training-batcher",
              DispatcherSelector.fromConfig(FedvecNode.TRAINING_DISPATCHER)));
    }
  }

  /** The extension that holds a node's batcher. */
  public record Holder(ActorRef<Command> batcher) implements Extension {}

  private static final Id ID = new Id();

  /** This node's batcher. */
  public static ActorRef<Command> of(ActorSystem<?> system) {
    return ID.apply(system).batcher();
  }

  private final int maxPerPass;
  private final int parallelism;
  private final Executor executor;
  private final List<Train> pending = new ArrayList<>();
  private final Map<DdpgAgent, Boolean> inFlight = new IdentityHashMap<>(); // true: close after
  private int running;

  static Behavior<Command> create() {
    return Behaviors.setup(TrainingBatcher::new);
  }

  private TrainingBatcher(ActorContext<Command> context) {
    super(context);
    var config = context.getSystem().settings().config().getConfig("fedvec.training-batcher");
    this.maxPerPass = config.getInt("max-agents-per-pass");
    int configured = config.getInt("parallelism");
    this.parallelism = configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
    this.executor = context.getExecutionContext();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Train.class, this::onTrain)
        .onMessage(PassDone.class, this::onPassDone)
        .onMessage(Release.class, this::onRelease)
        .build();
  }

  private Behavior<Command> onTrain(Train train) {
    pending.add(train);
    startPasses();
    return this;
  }

  /** Starts passes of the waiting requests while threads are free. */
  private void startPasses() {
    while (running < parallelism && !pending.isEmpty()) {
      List<Train> waiting = pending.subList(0, Math.min(maxPerPass, pending.size()));
      List<Train> pass = List.copyOf(waiting);
      waiting.clear();
      pass.forEach(train -> inFlight.put(train.agent(), false));
      List<DdpgAgent> agents = pass.stream().map(Train::agent).toList();
      CompletableFuture<Integer> step =
          CompletableFuture.supplyAsync(() -> DdpgAgent.updateTogether(agents), executor);
      getContext().pipeToSelf(step, (stepped, failure) -> new PassDone(pass, failure));
      running++;
    }
  }

  private Behavior<Command> onPassDone(PassDone done) {
    if (done.failure() != null) {
      throw new IllegalStateException("a batched training pass failed", done.failure());
    }
    running--;
    for (Train train : done.pass()) {
      if (inFlight.remove(train.agent())) {
        train.agent().close();
      } else {
        train.replyTo().tell(new Vehicle.Trained());
      }
    }
    startPasses();
    return this;
  }

  private Behavior<Command> onRelease(Release release) {
    if (inFlight.containsKey(release.agent())) {
      inFlight.put(release.agent(), true);
    } else {
      pending.removeIf(train -> train.agent() == release.agent());
      release.agent().close();
    }
    return this;
  }
}
