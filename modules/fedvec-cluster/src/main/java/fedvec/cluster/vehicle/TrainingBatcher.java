package fedvec.cluster.vehicle;

import fedvec.cluster.node.FedvecNode;
import fedvec.learning.ddpg.DdpgAgent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * One per node: the training steps of the node's vehicles that train in the same slot, computed
 * together ({@link DdpgAgent#updateTogether}: stacked weights, batched matrix products). Each
 * vehicle still owns its learner (parameters, optimizer state, buffer, random streams) and asks for
 * its step with {@link Train}; its result does not depend on who else is in the batch, so batching
 * changes no metric.
 *
 * <p>A batch closes when every vehicle that joined has asked (the usual case: the whole node's
 * vehicles in one slot) or {@code fedvec.training-batcher.max-wait} after its first request. It is
 * cut into passes of at most {@code max-agents-per-pass} agents, spread over {@code parallelism}
 * threads of the training dispatcher; each vehicle hears {@link Vehicle.Trained} when its pass is
 * done.
 */
public final class TrainingBatcher extends AbstractBehavior<TrainingBatcher.Command> {

  /** Only local messages: they carry the learners themselves. */
  public interface Command extends NoSerializationVerificationNeeded {}

  /** A vehicle of this node that trains through the batcher from now on. */
  public record Join(ActorRef<Vehicle.Command> vehicle) implements Command {}

  /**
   * One step for {@code agent} (none if its buffer is short); the answer goes to {@code replyTo}.
   */
  public record Train(DdpgAgent agent, ActorRef<Vehicle.Command> replyTo) implements Command {}

  /** The vehicle stopped while its step was asked for: close the learner once the step is done. */
  public record Release(DdpgAgent agent) implements Command {}

  private record Left(ActorRef<Vehicle.Command> vehicle) implements Command {}

  private record Deadline(long batch) implements Command {}

  private record PassDone(List<Train> pass, Throwable failure) implements Command {}

  /** Where a node's batcher is found: started with the node's first vehicle. */
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

  private final TimerScheduler<Command> timers;
  private final Duration maxWait;
  private final int maxPerPass;
  private final int parallelism;
  private final Executor executor;
  private final Set<ActorRef<Vehicle.Command>> members = new HashSet<>();
  private final List<Train> pending = new ArrayList<>();
  private final Map<DdpgAgent, Boolean> inFlight = new IdentityHashMap<>(); // true: close after
  private long batch;

  static Behavior<Command> create() {
    return Behaviors.setup(
        context -> Behaviors.withTimers(timers -> new TrainingBatcher(context, timers)));
  }

  private TrainingBatcher(ActorContext<Command> context, TimerScheduler<Command> timers) {
    super(context);
    this.timers = timers;
    var config = context.getSystem().settings().config().getConfig("fedvec.training-batcher");
    this.maxWait = config.getDuration("max-wait");
    this.maxPerPass = config.getInt("max-agents-per-pass");
    int configured = config.getInt("parallelism");
    this.parallelism = configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
    this.executor = context.getExecutionContext();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Join.class, this::onJoin)
        .onMessage(Left.class, this::onLeft)
        .onMessage(Train.class, this::onTrain)
        .onMessage(Deadline.class, this::onDeadline)
        .onMessage(PassDone.class, this::onPassDone)
        .onMessage(Release.class, this::onRelease)
        .build();
  }

  private Behavior<Command> onJoin(Join join) {
    if (members.add(join.vehicle())) {
      getContext().watchWith(join.vehicle(), new Left(join.vehicle()));
    }
    return this;
  }

  private Behavior<Command> onLeft(Left left) {
    members.remove(left.vehicle());
    closeIfComplete();
    return this;
  }

  private Behavior<Command> onTrain(Train train) {
    pending.add(train);
    if (pending.size() == 1) {
      timers.startSingleTimer(new Deadline(batch), maxWait);
    }
    closeIfComplete();
    return this;
  }

  private Behavior<Command> onDeadline(Deadline deadline) {
    if (deadline.batch() == batch && !pending.isEmpty()) {
      close();
    }
    return this;
  }

  private void closeIfComplete() {
    if (!pending.isEmpty() && pending.size() >= members.size()) {
      close();
    }
  }

  /** Starts the pending steps, in passes over the training dispatcher's threads. */
  private void close() {
    int passes =
        Math.max(
            Math.min(parallelism, pending.size()), (pending.size() + maxPerPass - 1) / maxPerPass);
    for (int p = 0; p < passes; p++) {
      List<Train> pass =
          List.copyOf(
              pending.subList(p * pending.size() / passes, (p + 1) * pending.size() / passes));
      pass.forEach(train -> inFlight.put(train.agent(), false));
      CompletableFuture<Void> step =
          CompletableFuture.runAsync(
              () -> DdpgAgent.updateTogether(pass.stream().map(Train::agent).toList()), executor);
      getContext().pipeToSelf(step, (done, failure) -> new PassDone(pass, failure));
    }
    pending.clear();
    batch++;
    timers.cancelAll();
  }

  private Behavior<Command> onPassDone(PassDone done) {
    if (done.failure() != null) {
      throw new IllegalStateException("a batched training pass failed", done.failure());
    }
    for (Train train : done.pass()) {
      if (inFlight.remove(train.agent())) {
        train.agent().close();
      } else {
        train.replyTo().tell(new Vehicle.Trained());
      }
    }
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
