package fedvec.cluster.rsu;

import fedvec.cluster.CborSerializable;
import fedvec.cluster.aggregation.AggregationLog;
import fedvec.cluster.aggregation.AggregationRecord;
import fedvec.cluster.bs.BaseStation;
import fedvec.cluster.clock.SimulationClock;
import fedvec.cluster.settings.RunSpec;
import fedvec.cluster.vehicle.Vehicle;
import fedvec.learning.aggregation.Aggregate;
import fedvec.learning.aggregation.AggregationStrategy;
import fedvec.learning.aggregation.Contribution;
import fedvec.learning.parameters.ParameterVector;
import fedvec.model.offload.Cell;
import fedvec.model.offload.CellResolver;
import fedvec.model.offload.Decision;
import fedvec.model.offload.SlotTally;
import fedvec.model.offload.TaskOutcome;
import fedvec.model.twin.ResourceSnapshot;
import fedvec.model.world.Mobility;
import fedvec.model.world.Traffic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * A roadside unit (a Cluster Sharding entity): the radio cell that hears its vehicles' decisions,
 * resolves them with its edge server, and the first aggregation tier of paper 000 (eqs. 16, 22,
 * 23). Its edge server and digital twin are its children.
 */
public final class Rsu extends AbstractBehavior<Rsu.Command> {
  public static final EntityTypeKey<Command> TYPE_KEY = EntityTypeKey.create(Command.class, "Rsu");

  /** Messages of the RSU. */
  public interface Command {}

  /** The clock opens slot {@code slot} of {@code episode}. */
  public record BeginSlot(int episode, int slot, ActorRef<SimulationClock.Command> replyTo)
      implements Command, CborSerializable {}

  /** A member vehicle's decision for the slot. */
  public record VehicleDecision(int episode, int slot, Decision decision)
      implements Command, CborSerializable {}

  /** A member vehicle stored its outcome and trained. */
  public record SlotAck(int episode, int slot, int vehicleId)
      implements Command, CborSerializable {}

  /** The base station opens round {@code round}. */
  public record CollectModels(int round, ActorRef<BaseStation.Command> replyTo)
      implements Command, CborSerializable {}

  /** A member vehicle's local model and its perf_i. */
  public record LocalModel(int round, int vehicleId, byte[] parameters, double perf)
      implements Command, CborSerializable {}

  /** The base station's global model, to pass on to this RSU's round members. */
  public record DistributeGlobal(
      int round, byte[] parameters, ActorRef<BaseStation.Command> replyTo)
      implements Command, CborSerializable {}

  /** A member vehicle replaced its networks with the global model. */
  public record ModelLoaded(int round, int vehicleId) implements Command, CborSerializable {}

  private record TwinAnswered(
      int episode, int slot, DigitalTwin.Snapshot snapshot, Throwable failure)
      implements Command, NoSerializationVerificationNeeded {}

  private record EdgeAnswered(EdgeServer.Allocation allocation, Throwable failure)
      implements Command, NoSerializationVerificationNeeded {}

  private record SlotDeadline(int episode, int slot)
      implements Command, NoSerializationVerificationNeeded {}

  private record RoundDeadline(int round) implements Command, NoSerializationVerificationNeeded {}

  private static final String SLOT_TIMER = "slot";
  private static final String ROUND_TIMER = "round";
  private static final Duration LOCAL_ASK_TIMEOUT = Duration.ofSeconds(10);

  private final int id;
  private final RunSpec spec;
  private final TimerScheduler<Command> timers;
  private final ClusterSharding sharding;
  private final CellResolver resolver;
  private final AggregationStrategy strategy;
  private final double[] vehicleCpuHz;
  private final ActorRef<DigitalTwin.Command> twin;
  private final ActorRef<EdgeServer.Command> edgeServer;
  private Traffic traffic;
  private int trafficEpisode = -1;
  private int lastEpisode;
  private int lastSlot = -1;
  private int lastRound;
  private SlotInProgress current;
  private RoundInProgress round;

  public static Behavior<Command> create(RunSpec spec, int id) {
    return Behaviors.setup(
        context -> Behaviors.withTimers(timers -> new Rsu(context, timers, spec, id)));
  }

  private Rsu(ActorContext<Command> context, TimerScheduler<Command> timers, RunSpec spec, int id) {
    super(context);
    this.id = id;
    this.spec = spec;
    this.timers = timers;
    this.sharding = ClusterSharding.get(context.getSystem());
    this.resolver = new CellResolver(spec.scenario());
    this.strategy = spec.algorithm().rsuStrategy(spec.aggregation());
    this.vehicleCpuHz = new double[spec.vehicles()];
    for (int v = 0; v < vehicleCpuHz.length; v++) {
      vehicleCpuHz[v] = Mobility.cpuHz(spec.scenario().vehicles(), spec.run().seed(), v);
    }
    this.twin = context.spawn(DigitalTwin.create(), "digital-twin");
    this.edgeServer =
        context.spawn(
            EdgeServer.create(
                spec.scenario().rsus().cpuHz(), spec.scenario().allocation().minRatio()),
            "edge-server");
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(BeginSlot.class, this::onBeginSlot)
        .onMessage(TwinAnswered.class, this::onTwinAnswered)
        .onMessage(VehicleDecision.class, this::onVehicleDecision)
        .onMessage(EdgeAnswered.class, this::onEdgeAnswered)
        .onMessage(SlotAck.class, this::onSlotAck)
        .onMessage(SlotDeadline.class, this::onSlotDeadline)
        .onMessage(CollectModels.class, this::onCollectModels)
        .onMessage(LocalModel.class, this::onLocalModel)
        .onMessage(DistributeGlobal.class, this::onDistributeGlobal)
        .onMessage(ModelLoaded.class, this::onModelLoaded)
        .onMessage(RoundDeadline.class, this::onRoundDeadline)
        .build();
  }

  // ---- one slot: observe, decide, allocate, resolve, train ----

  private Behavior<Command> onBeginSlot(BeginSlot begin) {
    if (begin.episode() < lastEpisode
        || (begin.episode() == lastEpisode && begin.slot() <= lastSlot)) {
      getContext().getLog().warn("stale BeginSlot {}/{} rejected", begin.episode(), begin.slot());
      return this;
    }
    lastEpisode = begin.episode();
    lastSlot = begin.slot();
    Cell cell =
        Cell.of(
            trafficOf(begin.episode()),
            id,
            begin.slot(),
            vehicleCpuHz,
            spec.scenario().vehicles().v2vRangeM());
    current = new SlotInProgress(begin.episode(), begin.slot(), cell, begin.replyTo());
    timers.startSingleTimer(
        SLOT_TIMER,
        new SlotDeadline(begin.episode(), begin.slot()),
        Duration.ofMillis(spec.fl().slotTimeoutMs()));
    getContext()
        .ask(
            DigitalTwin.Snapshot.class,
            twin,
            LOCAL_ASK_TIMEOUT,
            DigitalTwin.GetSnapshot::new,
            (snapshot, failure) ->
                new TwinAnswered(begin.episode(), begin.slot(), snapshot, failure));
    return this;
  }

  private Behavior<Command> onTwinAnswered(TwinAnswered answer) {
    if (current == null || !current.is(answer.episode(), answer.slot())) {
      return this;
    }
    ResourceSnapshot snapshot =
        answer.snapshot() != null ? answer.snapshot().resources() : ResourceSnapshot.IDLE;
    Cell cell = current.cell;
    Map<Integer, Cell.Member> byId =
        cell.members().stream()
            .collect(Collectors.toMap(Cell.Member::vehicleId, Function.identity()));
    for (Cell.Member m : cell.members()) {
      Cell.Member assistant = m.assistantId() < 0 ? null : byId.get(m.assistantId());
      vehicle(m.vehicleId())
          .tell(
              new Vehicle.Observe(
                  current.episode,
                  current.slot,
                  id,
                  cell.rsuPositionM(),
                  snapshot,
                  assistant == null ? null : assistant.kinematics(),
                  assistant == null ? 0.0 : assistant.cpuHz(),
                  cell.members().size(),
                  getContext().getSelf()));
    }
    if (cell.members().isEmpty()) {
      finishSlot();
    }
    return this;
  }

  private Behavior<Command> onVehicleDecision(VehicleDecision message) {
    if (current == null
        || !current.is(message.episode(), message.slot())
        || !current.accept(message.decision())) {
      getContext()
          .getLog()
          .warn(
              "decision of vehicle {} for {}/{} rejected (stale, foreign or duplicate)",
              message.decision().vehicleId(),
              message.episode(),
              message.slot());
      return this;
    }
    if (current.allDecided()) {
      allocate();
    }
    return this;
  }

  private void allocate() {
    current.phase = SlotInProgress.Phase.ALLOCATING;
    double[] ratios =
        CellResolver.rsuBound(current.decisionList()).stream()
            .mapToDouble(d -> d.action().computeRatio())
            .toArray();
    int episode = current.episode;
    int slot = current.slot;
    getContext()
        .ask(
            EdgeServer.Allocation.class,
            edgeServer,
            LOCAL_ASK_TIMEOUT,
            replyTo -> new EdgeServer.Allocate(episode, slot, ratios, replyTo),
            EdgeAnswered::new);
  }

  private Behavior<Command> onEdgeAnswered(EdgeAnswered answer) {
    if (answer.failure() != null) {
      getContext().getLog().error("edge server did not answer", answer.failure());
      return this; // the slot deadline ends the slot
    }
    EdgeServer.Allocation allocation = answer.allocation();
    if (current == null
        || !current.is(allocation.episode(), allocation.slot())
        || current.phase != SlotInProgress.Phase.ALLOCATING) {
      return this;
    }
    List<Decision> decisions = current.decisionList();
    List<TaskOutcome> outcomes = resolver.resolve(current.cell, decisions, allocation.grantsHz());
    twin.tell(
        new DigitalTwin.Update(
            ResourceSnapshot.measure(
                current.slot,
                CellResolver.rsuBound(decisions),
                allocation.grantsHz(),
                spec.scenario().rsus().cpuHz(),
                spec.scenario().allocation().minRatio())));
    current.tally = SlotTally.of(outcomes);
    current.phase = SlotInProgress.Phase.TRAINING;
    Map<Integer, TaskOutcome> byVehicle =
        outcomes.stream().collect(Collectors.toMap(TaskOutcome::vehicleId, Function.identity()));
    for (int v : current.memberIds) {
      vehicle(v)
          .tell(
              new Vehicle.Outcome(
                  current.episode, current.slot, byVehicle.get(v), getContext().getSelf()));
    }
    return this;
  }

  private Behavior<Command> onSlotAck(SlotAck ack) {
    if (current == null
        || !current.is(ack.episode(), ack.slot())
        || !current.acknowledge(ack.vehicleId())) {
      getContext()
          .getLog()
          .warn("ack of vehicle {} for {}/{} rejected", ack.vehicleId(), ack.episode(), ack.slot());
      return this;
    }
    if (current.allAcknowledged()) {
      finishSlot();
    }
    return this;
  }

  private Behavior<Command> onSlotDeadline(SlotDeadline deadline) {
    if (current == null || !current.is(deadline.episode(), deadline.slot())) {
      return this;
    }
    switch (current.phase) {
      case OBSERVING -> {
        List<Integer> missing = current.fillMissingDecisions();
        getContext()
            .getLog()
            .warn(
                "slot {}/{}: no decision from vehicles {}; counted idle",
                deadline.episode(),
                deadline.slot(),
                missing);
        timers.startSingleTimer(SLOT_TIMER, deadline, Duration.ofMillis(spec.fl().slotTimeoutMs()));
        allocate();
      }
      case ALLOCATING -> {
        getContext()
            .getLog()
            .error(
                "slot {}/{}: edge server did not allocate; slot ends empty",
                deadline.episode(),
                deadline.slot());
        current.tally = SlotTally.EMPTY;
        finishSlot();
      }
      case TRAINING -> {
        getContext()
            .getLog()
            .warn(
                "slot {}/{}: vehicles {} did not acknowledge",
                deadline.episode(),
                deadline.slot(),
                current.unacknowledged());
        finishSlot();
      }
    }
    return this;
  }

  private void finishSlot() {
    timers.cancel(SLOT_TIMER);
    current.clock.tell(
        new SimulationClock.SlotDone(current.episode, current.slot, id, current.tally));
    current = null;
  }

  // ---- one round: collect, aggregate (eqs. 16, 22, 23), forward, distribute ----

  private Behavior<Command> onCollectModels(CollectModels collect) {
    if (collect.round() <= lastRound) {
      getContext().getLog().warn("stale CollectModels {} rejected", collect.round());
      return this;
    }
    lastRound = collect.round();
    // the round's members are the vehicles in range at the end of the episode that just ended
    List<Integer> members =
        trafficEpisode < 0 ? List.of() : traffic.members(id, traffic.slots() - 1);
    round = new RoundInProgress(collect.round(), members, collect.replyTo());
    if (members.isEmpty()) {
      forwardAggregate(null, List.of());
      return this;
    }
    timers.startSingleTimer(
        ROUND_TIMER,
        new RoundDeadline(collect.round()),
        Duration.ofMillis(spec.fl().rsuTimeoutMs()));
    for (int v : members) {
      vehicle(v).tell(new Vehicle.UploadModel(collect.round(), getContext().getSelf()));
    }
    return this;
  }

  private Behavior<Command> onLocalModel(LocalModel model) {
    if (round == null || model.round() != round.round) {
      getContext()
          .getLog()
          .warn(
              "model of vehicle {} for round {} rejected (stale)",
              model.vehicleId(),
              model.round());
      return this;
    }
    ParameterVector parameters = ParameterVector.fromBytes(model.round(), model.parameters());
    int expectedSize = spec.ddpgShape().parameterCount();
    if (parameters.size() != expectedSize
        || !parameters.allFinite()
        || !Double.isFinite(model.perf())) {
      getContext()
          .getLog()
          .warn(
              "model of vehicle {} for round {} rejected: {} values, finite={}",
              model.vehicleId(),
              model.round(),
              parameters.size(),
              parameters.allFinite());
      return this;
    }
    Contribution contribution = new Contribution(model.vehicleId(), parameters, model.perf(), 1);
    if (!round.accept(contribution, model.parameters().length)) {
      getContext()
          .getLog()
          .warn(
              "model of vehicle {} for round {} rejected (foreign or duplicate)",
              model.vehicleId(),
              model.round());
      return this;
    }
    if (round.allCollected()) {
      aggregate();
    }
    return this;
  }

  private void aggregate() {
    timers.cancel(ROUND_TIMER);
    List<Contribution> contributions = List.copyOf(round.contributions.values());
    List<Integer> missing = round.missingModels();
    if (contributions.size() < spec.fl().quorum(round.members.size())) {
      getContext()
          .getLog()
          .warn(
              "round {}: quorum missed ({} of {} models); aborted",
              round.round,
              contributions.size(),
              round.members.size());
      log(null, contributions, missing);
      forwardAggregate(null, List.of());
      return;
    }
    Aggregate aggregate = strategy.aggregate(contributions, null);
    log(aggregate, contributions, missing);
    forwardAggregate(aggregate, contributions);
  }

  private void forwardAggregate(Aggregate aggregate, List<Contribution> contributions) {
    round.phase = RoundInProgress.Phase.AGGREGATED;
    round.baseStation.tell(
        new BaseStation.RsuAggregate(
            round.round,
            id,
            aggregate == null ? new byte[0] : aggregate.parameters().toBytes(),
            aggregate == null ? 0.0 : aggregate.perf(),
            aggregate == null ? 0 : aggregate.samples(),
            contributions.stream().map(Contribution::contributorId).toList()));
  }

  private void log(Aggregate aggregate, List<Contribution> contributions, List<Integer> missing) {
    boolean committed = aggregate != null;
    getContext()
        .getLog()
        .info(
            "round {}: {} aggregated {} of {} vehicle models ({}), weights {}",
            round.round,
            strategy.describe(),
            contributions.size(),
            round.members.size(),
            committed ? "committed" : "aborted",
            committed ? aggregate.weights() : "-");
    AggregationLog.write(
        new AggregationRecord(
            round.round,
            "rsu",
            id,
            getContext().getSelf().path().toString(),
            getContext().getSystem().address().toString(),
            strategy.describe(),
            committed ? "committed" : "aborted",
            contributions.stream().map(Contribution::contributorId).toList(),
            missing,
            contributions.stream().mapToDouble(Contribution::perf).toArray(),
            committed ? aggregate.weights() : new double[0],
            committed ? aggregate.parameters().norm() : 0.0,
            round.bytes));
  }

  private Behavior<Command> onDistributeGlobal(DistributeGlobal global) {
    if (round == null
        || global.round() != round.round
        || round.phase != RoundInProgress.Phase.AGGREGATED) {
      getContext().getLog().warn("global model of round {} rejected (stale)", global.round());
      return this;
    }
    round.phase = RoundInProgress.Phase.DISTRIBUTING;
    if (round.members.isEmpty()) {
      finishRound();
      return this;
    }
    timers.startSingleTimer(
        ROUND_TIMER,
        new RoundDeadline(global.round()),
        Duration.ofMillis(spec.fl().rsuTimeoutMs()));
    for (int v : round.members) {
      vehicle(v)
          .tell(
              new Vehicle.GlobalModel(global.round(), global.parameters(), getContext().getSelf()));
    }
    return this;
  }

  private Behavior<Command> onModelLoaded(ModelLoaded loaded) {
    if (round == null || loaded.round() != round.round || !round.markLoaded(loaded.vehicleId())) {
      return this;
    }
    if (round.allLoaded()) {
      finishRound();
    }
    return this;
  }

  private Behavior<Command> onRoundDeadline(RoundDeadline deadline) {
    if (round == null || deadline.round() != round.round) {
      return this;
    }
    if (round.phase == RoundInProgress.Phase.COLLECTING) {
      getContext()
          .getLog()
          .warn(
              "round {}: deadline; no model from vehicles {}",
              deadline.round(),
              round.missingModels());
      aggregate();
    } else if (round.phase == RoundInProgress.Phase.DISTRIBUTING) {
      getContext()
          .getLog()
          .warn(
              "round {}: deadline; {} of {} vehicles loaded the global model",
              deadline.round(),
              round.loaded.size(),
              round.members.size());
      finishRound();
    }
    return this;
  }

  private void finishRound() {
    timers.cancel(ROUND_TIMER);
    round.baseStation.tell(new BaseStation.RsuDistributed(round.round, id));
    round = null;
  }

  private Traffic trafficOf(int episode) {
    if (episode != trafficEpisode) {
      traffic =
          Traffic.of(
              spec.scenario().road(),
              spec.scenario().vehicles(),
              spec.scenario().rsuLayout(),
              spec.run().seed(),
              episode,
              spec.run().slotsPerEpisode());
      trafficEpisode = episode;
    }
    return traffic;
  }

  private org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef<Vehicle.Command> vehicle(
      int v) {
    return sharding.entityRefFor(Vehicle.TYPE_KEY, String.valueOf(v));
  }
}
