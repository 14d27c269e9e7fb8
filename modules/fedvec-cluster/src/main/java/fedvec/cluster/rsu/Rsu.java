package fedvec.cluster.rsu;

import fedvec.cluster.CborSerializable;
import fedvec.cluster.bs.BaseStation;
import fedvec.cluster.clock.SimulationClock;
import fedvec.cluster.settings.RunSpec;
import fedvec.cluster.traffic.Link;
import fedvec.cluster.traffic.TrafficMeter;
import fedvec.cluster.vehicle.Vehicle;
import fedvec.cluster.vehicle.VehicleDirectory;
import fedvec.learning.maddpg.Experience;
import fedvec.model.offload.Cell;
import fedvec.model.offload.CellResolver;
import fedvec.model.offload.Decision;
import fedvec.model.offload.SlotTally;
import fedvec.model.offload.TaskOutcome;
import fedvec.model.twin.ResourceSnapshot;
import fedvec.model.world.Mobility;
import fedvec.model.world.Traffic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * A roadside unit (a Cluster Sharding entity): the radio cell that hears its vehicles' decisions
 * and resolves them with its edge server. Its children are the edge server, the digital twin and
 * the first-tier aggregator of paper 000 ({@link RsuAggregator}).
 */
public final class Rsu extends AbstractBehavior<Rsu.Command> {
  public static final EntityTypeKey<Command> TYPE_KEY = EntityTypeKey.create(Command.class, "Rsu");

  /** Messages of the RSU. */
  public interface Command {}

  /** The clock opens slot {@code slot} of {@code episode}. */
  public record BeginSlot(int episode, int slot, ActorRef<SimulationClock.Command> replyTo)
      implements Command, CborSerializable {}

  /**
   * A member vehicle's decision for the slot.
   *
   * @param vehicle the deciding vehicle's own reference: the RSU watches it, so a vehicle that dies
   *     (with its node) counts as idle at once instead of at the deadline (G3)
   */
  public record VehicleDecision(
      int episode, int slot, Decision decision, ActorRef<Vehicle.Command> vehicle)
      implements Command, CborSerializable {}

  /**
   * A member vehicle's experience of the slot, on its way to the central learner (centralized
   * MADDPG only).
   */
  public record SlotExperience(int episode, Experience experience)
      implements Command, CborSerializable {}

  /** A member vehicle stored its outcome and trained. */
  public record SlotAck(int episode, int slot, int vehicleId)
      implements Command, CborSerializable {}

  /**
   * The clock finished the run: the vehicles' nodes leave from now on, so a vehicle that stops is
   * no longer a fault.
   */
  public record RunOver(int episodes) implements Command, CborSerializable {}

  /** The base station opens round {@code round}. */
  public record CollectModels(int round, ActorRef<BaseStation.Command> replyTo)
      implements Command, CborSerializable {}

  private record TwinAnswered(DigitalTwin.Snapshot snapshot)
      implements Command, NoSerializationVerificationNeeded {}

  private record EdgeAnswered(EdgeServer.Allocation allocation)
      implements Command, NoSerializationVerificationNeeded {}

  private record VehicleStopped(int vehicleId, ActorRef<Vehicle.Command> vehicle)
      implements Command, NoSerializationVerificationNeeded {}

  private record SlotDeadline(int episode, int slot)
      implements Command, NoSerializationVerificationNeeded {}

  private static final String SLOT_TIMER = "slot";

  private final int id;
  private final RunSpec spec;
  private final TimerScheduler<Command> timers;
  private final VehicleDirectory vehicles;
  private final TrafficMeter meter;
  private final Map<Integer, ActorRef<Vehicle.Command>> watched = new HashMap<>();
  private final CellResolver resolver;
  private final double[] vehicleCpuHz;
  private final ActorRef<DigitalTwin.Command> twin;
  private final ActorRef<EdgeServer.Command> edgeServer;
  private final ActorRef<RsuAggregator.Command> aggregator;
  // the twin and the edge server answer through adapters, not asks: an ask costs a temporary actor
  // and, on machines with two cores, a new thread per answer (CompletableFuture's async default)
  private final ActorRef<DigitalTwin.Snapshot> twinAnswers;
  private final ActorRef<EdgeServer.Allocation> edgeAnswers;
  private Traffic traffic;
  private int trafficEpisode = -1;
  private int lastEpisode;
  private int lastSlot = -1;
  private int lastRound;
  private SlotInProgress current;
  private boolean runOver;
  // the experiences of the current episode's slots, for the central learner's round
  private final List<Experience> experiences = new ArrayList<>();
  private int experienceEpisode;

  public static Behavior<Command> create(RunSpec spec, int id, VehicleDirectory vehicles) {
    return Behaviors.setup(
        context -> Behaviors.withTimers(timers -> new Rsu(context, timers, spec, id, vehicles)));
  }

  private Rsu(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      RunSpec spec,
      int id,
      VehicleDirectory vehicles) {
    super(context);
    this.id = id;
    this.spec = spec;
    this.timers = timers;
    this.vehicles = vehicles;
    this.meter = new TrafficMeter(context.getSystem());
    this.resolver = new CellResolver(spec.scenario());
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
    this.aggregator = context.spawn(RsuAggregator.create(spec, id, vehicles), "aggregator");
    this.twinAnswers = context.messageAdapter(DigitalTwin.Snapshot.class, TwinAnswered::new);
    this.edgeAnswers = context.messageAdapter(EdgeServer.Allocation.class, EdgeAnswered::new);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(BeginSlot.class, this::onBeginSlot)
        .onMessage(TwinAnswered.class, this::onTwinAnswered)
        .onMessage(VehicleDecision.class, this::onVehicleDecision)
        .onMessage(EdgeAnswered.class, this::onEdgeAnswered)
        .onMessage(SlotExperience.class, this::onSlotExperience)
        .onMessage(SlotAck.class, this::onSlotAck)
        .onMessage(SlotDeadline.class, this::onSlotDeadline)
        .onMessage(VehicleStopped.class, this::onVehicleStopped)
        .onMessage(RunOver.class, this::onRunOver)
        .onMessage(CollectModels.class, this::onCollectModels)
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
    // no answer (a failed twin) leaves the slot to its deadline
    twin.tell(new DigitalTwin.GetSnapshot(begin.episode(), begin.slot(), twinAnswers));
    return this;
  }

  private Behavior<Command> onTwinAnswered(TwinAnswered answer) {
    DigitalTwin.Snapshot snapshot = answer.snapshot();
    if (current == null || !current.is(snapshot.episode(), snapshot.slot())) {
      return this;
    }
    Cell cell = current.cell;
    Map<Integer, Cell.Member> byId =
        cell.members().stream()
            .collect(Collectors.toMap(Cell.Member::vehicleId, Function.identity()));
    for (Cell.Member m : cell.members()) {
      Cell.Member assistant = m.assistantId() < 0 ? null : byId.get(m.assistantId());
      send(
          m.vehicleId(),
          new Vehicle.Observe(
              current.episode,
              current.slot,
              id,
              cell.rsuPositionM(),
              snapshot.resources(),
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
    meter.count(Link.VEHICLE_TO_RSU, message);
    watch(message.decision().vehicleId(), message.vehicle());
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
    // no answer (a failed edge server) leaves the slot to its deadline
    edgeServer.tell(new EdgeServer.Allocate(current.episode, current.slot, ratios, edgeAnswers));
  }

  private Behavior<Command> onEdgeAnswered(EdgeAnswered answer) {
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
      send(
          v,
          new Vehicle.Outcome(
              current.episode, current.slot, byVehicle.get(v), getContext().getSelf()));
    }
    return this;
  }

  private Behavior<Command> onSlotExperience(SlotExperience message) {
    meter.count(Link.VEHICLE_TO_RSU, message);
    Experience e = message.experience();
    if (current == null
        || !current.is(message.episode(), e.slot())
        || current.phase != SlotInProgress.Phase.TRAINING
        || !current.memberIds.contains(e.vehicleId())) {
      getContext()
          .getLog()
          .warn(
              "experience of vehicle {} for {}/{} rejected (stale or foreign)",
              e.vehicleId(),
              message.episode(),
              e.slot());
      return this;
    }
    if (message.episode() != experienceEpisode) {
      experiences.clear(); // an episode whose round never came
      experienceEpisode = message.episode();
    }
    experiences.add(e);
    return this;
  }

  private Behavior<Command> onSlotAck(SlotAck ack) {
    meter.count(Link.VEHICLE_TO_RSU, ack);
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
    current.deadlineMisses++;
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

  /** Watches the current incarnation of a vehicle (a restarted vehicle has a new reference). */
  private void watch(int vehicleId, ActorRef<Vehicle.Command> vehicle) {
    if (vehicle == null) {
      return;
    }
    ActorRef<Vehicle.Command> previous = watched.put(vehicleId, vehicle);
    if (!vehicle.equals(previous)) {
      if (previous != null) {
        getContext().unwatch(previous);
      }
      getContext().watchWith(vehicle, new VehicleStopped(vehicleId, vehicle));
    }
  }

  private Behavior<Command> onRunOver(RunOver over) {
    runOver = true;
    return this;
  }

  /**
   * A watched vehicle stopped: its node left or died (G3). It counts as idle in this slot and as
   * lost in the round, at once.
   */
  private Behavior<Command> onVehicleStopped(VehicleStopped stopped) {
    if (!stopped.vehicle().equals(watched.get(stopped.vehicleId()))) {
      return this; // an older incarnation
    }
    watched.remove(stopped.vehicleId());
    if (runOver) { // its node leaves with the run's end: expected, not a fault
      getContext().getLog().info("vehicle {} stopped (the run is over)", stopped.vehicleId());
    } else if (CoordinatedShutdown.get(getContext().getSystem()).getShutdownReason().isPresent()) {
      // this node is shutting down (the run is over, or it was stopped): expected, not a fault
      getContext().getLog().info("vehicle {} stopped (this node shuts down)", stopped.vehicleId());
    } else {
      getContext()
          .getLog()
          .warn("vehicle {} stopped (its node left or failed)", stopped.vehicleId());
    }
    aggregator.tell(new RsuAggregator.VehicleLost(stopped.vehicleId()));
    if (current != null && current.memberIds.contains(stopped.vehicleId())) {
      current.lose(stopped.vehicleId());
      if (current.phase == SlotInProgress.Phase.OBSERVING && current.allDecided()) {
        allocate();
      } else if (current.phase == SlotInProgress.Phase.TRAINING && current.allAcknowledged()) {
        finishSlot();
      }
    }
    return this;
  }

  private void finishSlot() {
    timers.cancel(SLOT_TIMER);
    current.clock.tell(
        new SimulationClock.SlotDone(
            current.episode,
            current.slot,
            id,
            current.tally,
            meter.drain(),
            current.deadlineMisses));
    current = null;
  }

  /**
   * To a vehicle: straight to the incarnation this RSU watches (from its decisions; no sharding
   * hops through region and shard), else through the directory (a vehicle new to this cell, or one
   * whose watched incarnation stopped: sharding finds where it runs now).
   */
  private void send(int vehicle, Vehicle.Command message) {
    meter.count(Link.RSU_TO_VEHICLE, message);
    ActorRef<Vehicle.Command> known = watched.get(vehicle);
    if (known != null) {
      known.tell(message);
    } else {
      vehicles.vehicle(vehicle).tell(message);
    }
  }

  // ---- one round: the members are the vehicles in range at the end of the episode that just ended
  // ----

  private Behavior<Command> onCollectModels(CollectModels collect) {
    if (collect.round() <= lastRound) {
      getContext().getLog().warn("stale CollectModels {} rejected", collect.round());
      return this;
    }
    lastRound = collect.round();
    List<Integer> members =
        trafficEpisode < 0 ? List.of() : traffic.members(id, traffic.slots() - 1);
    List<Experience> episodeExperiences =
        experienceEpisode == collect.round() ? List.copyOf(experiences) : List.of();
    experiences.clear();
    aggregator.tell(
        new RsuAggregator.Collect(collect.round(), members, episodeExperiences, collect.replyTo()));
    return this;
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
}
