package fedvec.cluster.vehicle;

import fedvec.cluster.CborSerializable;
import fedvec.cluster.bs.BaseStation;
import fedvec.cluster.rsu.Rsu;
import fedvec.cluster.rsu.RsuAggregator;
import fedvec.cluster.settings.RunSpec;
import fedvec.learning.ddpg.DdpgAgent;
import fedvec.learning.faults.FaultyUpload;
import fedvec.learning.maddpg.Experience;
import fedvec.learning.parameters.ParameterVector;
import fedvec.learning.policy.Learner;
import fedvec.learning.policy.Loadable;
import fedvec.learning.policy.Policy;
import fedvec.learning.replay.Transition;
import fedvec.model.observation.ObservationEncoder;
import fedvec.model.observation.VehicleView;
import fedvec.model.offload.Decision;
import fedvec.model.offload.OffloadAction;
import fedvec.model.offload.TaskOutcome;
import fedvec.model.random.SeedStreams;
import fedvec.model.task.Task;
import fedvec.model.task.TaskGenerator;
import fedvec.model.twin.ResourceSnapshot;
import fedvec.model.world.Kinematics;
import fedvec.model.world.Mobility;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * A vehicle agent (a Cluster Sharding entity): it draws its tasks, observes, decides where each
 * task runs, stores its transitions, trains its own networks, and takes part in the federated
 * rounds. It owns its policy (and the policy's native memory), its replay buffer and its random
 * streams.
 *
 * <p>A slot's training step overlaps the next slot's first hops: the vehicle acknowledges the slot
 * once it has stored its transition, then steps, and handles its next message (the next {@code
 * Observe}, an {@code UploadModel}) only when the step is done. What it decides and uploads is what
 * it would if the RSU waited for the step; the step's time moves from this slot's acknowledgement
 * to the answer to the next message (both under {@code fl.slot-timeout} or {@code fl.rsu-timeout}).
 */
public final class Vehicle extends AbstractBehavior<Vehicle.Command> {
  public static final EntityTypeKey<Command> TYPE_KEY =
      EntityTypeKey.create(Command.class, "Vehicle");

  /** Every vehicle message may cross nodes. */
  public interface Command extends CborSerializable {}

  /**
   * The serving RSU opens a slot: what the vehicle learns from the RSU and its digital twin.
   *
   * @param assistant the assisted-vehicle candidate's kinematics, or null when none is in range
   */
  public record Observe(
      int episode,
      int slot,
      int rsuId,
      double rsuPositionM,
      ResourceSnapshot twin,
      Kinematics assistant,
      double assistantCpuHz,
      int cellSize,
      ActorRef<Rsu.Command> replyTo)
      implements Command {}

  /** The RSU's verdict on this slot's task (null outcome when the vehicle had no task). */
  public record Outcome(int episode, int slot, TaskOutcome outcome, ActorRef<Rsu.Command> replyTo)
      implements Command {}

  /** The RSU collects the local model for round {@code round}. */
  public record UploadModel(int round, ActorRef<RsuAggregator.Command> replyTo)
      implements Command {}

  /**
   * The global model of round {@code round} (under centralized MADDPG: this vehicle's actor),
   * packed little-endian float32.
   */
  public record GlobalModel(int round, byte[] parameters, ActorRef<RsuAggregator.Command> replyTo)
      implements Command {}

  /**
   * The base station's latest global model (or this vehicle's latest centrally trained actor),
   * asked for when the vehicle starts: a vehicle restarted on another node after its node was lost
   * resumes from it (a vehicle that starts with the run already holds it).
   */
  public record Restore(int round, byte[] parameters) implements Command {}

  /** The node's training batcher did this vehicle's step of the current slot. */
  public record Trained(Throwable failure) implements Command, NoSerializationVerificationNeeded {}

  /** Room for what arrives while a batched step is in flight: the next slot's, a round's. */
  private static final int STASH_CAPACITY = 1_000;

  private final int id;
  private final RunSpec spec;
  private final Policy policy;
  private final ObservationEncoder encoder;
  private final TaskGenerator tasks;
  private final double cpuHz;
  private final FaultyUpload fault; // null for an honest vehicle
  private final TrainingBatcher batcher; // null: this vehicle trains alone
  private final StashBuffer<Command> waitingForStep;
  private int episode;
  private int slot = -1;
  private int lastRoundLoaded;
  private Kinematics[] trajectory;
  // the decision of the current slot, and the finished (s, a, r) waiting for its next state
  private float[] observedState;
  private float[] decidedState;
  private OffloadAction decidedAction;
  private Transition unfinished;
  private double episodeReward;
  private int episodeTasks;

  public static Behavior<Command> create(
      RunSpec spec, int id, ActorRef<BaseStation.Command> baseStation) {
    return Behaviors.setup(
        context -> {
          if (spec.algorithm().hasRounds()) {
            baseStation.tell(new BaseStation.GetGlobalModel(context.getSelf(), id));
          }
          return Behaviors.<Command>withStash(
              STASH_CAPACITY, stash -> new Vehicle(context, spec, id, stash));
        });
  }

  private Vehicle(
      ActorContext<Command> context, RunSpec spec, int id, StashBuffer<Command> waitingForStep) {
    super(context);
    this.waitingForStep = waitingForStep;
    this.id = id;
    this.spec = spec;
    long seed = spec.run().seed();
    this.policy =
        spec.algorithm()
            .newPolicy(
                spec.learning(),
                spec.exploration(),
                spec.ddpgShape(),
                spec.initialModel(),
                seed,
                id,
                spec.firstEpisode() - 1);
    this.encoder = new ObservationEncoder(spec.scenario());
    this.tasks = new TaskGenerator(spec.scenario().tasks(), seed);
    this.cpuHz = Mobility.cpuHz(spec.scenario().vehicles(), seed, id);
    this.fault =
        spec.faults().faultyVehicles(spec.vehicles(), seed).contains(id)
            ? new FaultyUpload(spec.faults(), SeedStreams.stream(seed, "fault", id))
            : null;
    if (spec.run().batchedTraining() && policy instanceof DdpgAgent) {
      batcher = TrainingBatcher.of(context.getSystem());
    } else {
      batcher = null;
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Observe.class, this::onObserve)
        .onMessage(Outcome.class, this::onOutcome)
        .onMessage(UploadModel.class, this::onUploadModel)
        .onMessage(GlobalModel.class, this::onGlobalModel)
        .onMessage(Restore.class, this::onRestore)
        .onSignal(PostStop.class, signal -> onPostStop())
        .build();
  }

  private Behavior<Command> onObserve(Observe observe) {
    if (observe.episode() < episode || (observe.episode() == episode && observe.slot() <= slot)) {
      getContext().getLog().warn("stale Observe {}/{} rejected", observe.episode(), observe.slot());
      return this;
    }
    if (observe.episode() != episode) {
      startEpisode(observe.episode());
    }
    slot = observe.slot();
    Task task = tasks.taskFor(id, episode, slot).orElse(null);
    float[] state =
        encoder.encode(
            new VehicleView(
                trajectory[slot],
                cpuHz,
                task,
                observe.rsuPositionM(),
                observe.twin(),
                observe.assistant(),
                observe.assistantCpuHz(),
                observe.cellSize(),
                spec.vehicles()));
    if (unfinished != null) {
      learner().observe(withNextState(unfinished, state));
      unfinished = null;
    }
    observedState = state;
    decidedState = task == null ? null : state;
    decidedAction = task == null ? null : policy.act(state, episode, true);
    observe
        .replyTo()
        .tell(
            new Rsu.VehicleDecision(
                episode, slot, new Decision(id, task, decidedAction), getContext().getSelf()));
    return this;
  }

  private Behavior<Command> onOutcome(Outcome outcome) {
    if (outcome.episode() != episode || outcome.slot() != slot) {
      getContext().getLog().warn("stale Outcome {}/{} rejected", outcome.episode(), outcome.slot());
      return this;
    }
    TaskOutcome result = outcome.outcome();
    if (result != null && decidedAction != null) {
      episodeReward += result.reward();
      episodeTasks++;
      if (policy instanceof Learner learner) {
        boolean done = slot == spec.run().slotsPerEpisode() - 1;
        Transition t =
            new Transition(
                decidedState,
                decidedAction.toVector(),
                (float) result.reward(),
                decidedState,
                done);
        if (done) {
          learner.observe(t);
        } else {
          unfinished = t;
        }
      }
    }
    if (spec.algorithm().centralized()) {
      boolean acted = result != null && decidedAction != null;
      outcome
          .replyTo()
          .tell(
              new Rsu.SlotExperience(
                  episode,
                  new Experience(
                      id,
                      slot,
                      observedState,
                      acted ? decidedAction.toVector() : null,
                      acted ? (float) result.reward() : 0f)));
    }
    outcome.replyTo().tell(new Rsu.SlotAck(episode, slot, id)); // before the step: see above
    boolean trains = policy instanceof Learner && (slot + 1) % spec.learning().trainEvery() == 0;
    if (trains && batcher != null && ((DdpgAgent) policy).ready()) {
      getContext()
          .pipeToSelf(batcher.train((DdpgAgent) policy), (done, failure) -> new Trained(failure));
      return awaitingStep();
    }
    if (trains) {
      learner().update();
    }
    return this;
  }

  /** While the batcher computes this vehicle's step: every other message waits for it. */
  private Behavior<Command> awaitingStep() {
    return Behaviors.receive(Command.class)
        .onMessage(Trained.class, this::onTrained)
        .onMessage(
            Command.class,
            message -> {
              waitingForStep.stash(message);
              return Behaviors.same();
            })
        .onSignal(PostStop.class, signal -> releaseDuringStep())
        .build();
  }

  private Behavior<Command> onUploadModel(UploadModel upload) {
    if (!(policy instanceof Learner learner)) {
      getContext().getLog().warn("round {}: {} has no model to upload", upload.round(), id);
      return this;
    }
    double perf = episodeTasks == 0 ? 0.0 : episodeReward / episodeTasks; // ASSUME perf-i
    ParameterVector parameters = learner.parameters(upload.round());
    if (fault != null) {
      parameters = fault.parameters(parameters);
      perf = fault.perf(perf);
    }
    upload
        .replyTo()
        .tell(new RsuAggregator.LocalModel(upload.round(), id, parameters.toBytes(), perf));
    return this;
  }

  private Behavior<Command> onGlobalModel(GlobalModel global) {
    if (global.round() <= lastRoundLoaded || !(policy instanceof Loadable loadable)) {
      getContext().getLog().warn("global model of round {} rejected", global.round());
      return this;
    }
    loadable.load(ParameterVector.fromBytes(global.round(), global.parameters()));
    lastRoundLoaded = global.round();
    global.replyTo().tell(new RsuAggregator.ModelLoaded(global.round(), id));
    return this;
  }

  private Behavior<Command> onRestore(Restore restore) {
    // newer than the model this vehicle started with, and than any it loaded since
    if (restore.round() >= spec.firstEpisode()
        && restore.round() > lastRoundLoaded
        && policy instanceof Loadable loadable) {
      loadable.load(ParameterVector.fromBytes(restore.round(), restore.parameters()));
      lastRoundLoaded = restore.round();
      getContext()
          .getLog()
          .info("vehicle {} restored the global model of round {}", id, restore.round());
    } else if (restore.round() >= spec.firstEpisode() && policy instanceof Loadable) {
      // a global model distributed since it came back reached it before the base station's answer
      getContext()
          .getLog()
          .info(
              "vehicle {} came back holding the global model of round {}; round {} is not newer",
              id,
              lastRoundLoaded,
              restore.round());
    }
    return this;
  }

  private Behavior<Command> onTrained(Trained trained) {
    if (trained.failure() != null) {
      throw new IllegalStateException(
          "vehicle " + id + ": training step failed", trained.failure());
    }
    return waitingForStep.unstashAll(this);
  }

  private Behavior<Command> onPostStop() {
    policy.close();
    return this;
  }

  /** Stopped while awaiting its step (or when the step failed): the batcher may hold the agent. */
  private Behavior<Command> releaseDuringStep() {
    batcher.release((DdpgAgent) policy);
    return Behaviors.same();
  }

  private void startEpisode(int newEpisode) {
    episode = newEpisode;
    slot = -1;
    trajectory =
        Mobility.trajectory(
            spec.scenario().road(),
            spec.scenario().vehicles(),
            spec.run().seed(),
            id,
            episode,
            spec.run().slotsPerEpisode());
    unfinished = null;
    episodeReward = 0;
    episodeTasks = 0;
  }

  private Learner learner() {
    return (Learner) policy;
  }

  private static Transition withNextState(Transition t, float[] nextState) {
    return new Transition(t.state(), t.action(), t.reward(), nextState, false);
  }
}
