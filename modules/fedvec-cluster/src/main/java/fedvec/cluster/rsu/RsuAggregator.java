package fedvec.cluster.rsu;

import fedvec.cluster.CborSerializable;
import fedvec.cluster.aggregation.AggregationLog;
import fedvec.cluster.aggregation.AggregationRecord;
import fedvec.cluster.bs.BaseStation;
import fedvec.cluster.settings.RunSpec;
import fedvec.cluster.traffic.Link;
import fedvec.cluster.traffic.TrafficMeter;
import fedvec.cluster.vehicle.Vehicle;
import fedvec.cluster.vehicle.VehicleDirectory;
import fedvec.learning.aggregation.Aggregate;
import fedvec.learning.aggregation.AggregationStrategy;
import fedvec.learning.aggregation.Contribution;
import fedvec.learning.maddpg.Experience;
import fedvec.learning.parameters.ParameterVector;
import fedvec.learning.validation.RejectionReason;
import fedvec.learning.validation.UpdateValidator;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * An RSU's first-tier aggregator (a child of its {@link Rsu}): it collects the local models of the
 * RSU's round members, aggregates them with the algorithm's RSU strategy (paper 000: eqs. 16, 22,
 * 23), forwards the aggregate to the base station, and passes the global model back down.
 */
public final class RsuAggregator extends AbstractBehavior<RsuAggregator.Command> {

  /** Messages of the aggregator. */
  public interface Command {}

  /**
   * The RSU opens a round for the vehicles in its range at the end of the episode.
   *
   * @param experiences what the RSU's vehicles sent it during the episode (centralized MADDPG)
   */
  record Collect(
      int round,
      List<Integer> members,
      List<Experience> experiences,
      ActorRef<BaseStation.Command> baseStation)
      implements Command, NoSerializationVerificationNeeded {}

  /** A member vehicle's local model and its perf_i. */
  public record LocalModel(int round, int vehicleId, byte[] parameters, double perf)
      implements Command, CborSerializable {}

  /** The base station's global model, to pass on to the round's members. */
  public record DistributeGlobal(int round, byte[] parameters)
      implements Command, CborSerializable {}

  /** The actors the central learner trained for the round's members, to pass on to each. */
  public record DistributeActors(int round, List<VehicleActor> actors)
      implements Command, CborSerializable {}

  /** One vehicle's actor, packed little-endian float32. */
  public record VehicleActor(int vehicleId, byte[] parameters) {}

  /** A member vehicle replaced its networks with the global model. */
  public record ModelLoaded(int round, int vehicleId) implements Command, CborSerializable {}

  /** The RSU saw a vehicle stop (G3): it will answer no more. */
  record VehicleLost(int vehicleId) implements Command, NoSerializationVerificationNeeded {}

  private record RoundDeadline(int round) implements Command, NoSerializationVerificationNeeded {}

  private static final String TIMER = "round";

  private final int rsuId;
  private final RunSpec spec;
  private final TimerScheduler<Command> timers;
  private final VehicleDirectory vehicles;
  private final TrafficMeter meter;
  private final UpdateValidator validator;
  private final AggregationStrategy strategy;
  private RoundInProgress round;

  public static Behavior<Command> create(RunSpec spec, int rsuId, VehicleDirectory vehicles) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers -> new RsuAggregator(context, timers, spec, rsuId, vehicles)));
  }

  private RsuAggregator(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      RunSpec spec,
      int rsuId,
      VehicleDirectory vehicles) {
    super(context);
    this.rsuId = rsuId;
    this.spec = spec;
    this.timers = timers;
    this.vehicles = vehicles;
    this.meter = new TrafficMeter(context.getSystem());
    this.validator =
        new UpdateValidator(spec.ddpgShape().parameterCount(), spec.fl().maxUpdateNorm());
    this.strategy = spec.algorithm().rsuStrategy(spec.aggregation());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Collect.class, this::onCollect)
        .onMessage(LocalModel.class, this::onLocalModel)
        .onMessage(DistributeGlobal.class, this::onDistributeGlobal)
        .onMessage(DistributeActors.class, this::onDistributeActors)
        .onMessage(ModelLoaded.class, this::onModelLoaded)
        .onMessage(RoundDeadline.class, this::onRoundDeadline)
        .onMessage(VehicleLost.class, this::onVehicleLost)
        .build();
  }

  private Behavior<Command> onCollect(Collect collect) {
    round = new RoundInProgress(collect.round(), collect.members(), collect.baseStation());
    if (spec.algorithm().centralized()) {
      relay(collect.experiences());
      return this;
    }
    if (round.members.isEmpty()) {
      forward(null, List.of(), null);
      return this;
    }
    timers.startSingleTimer(
        TIMER, new RoundDeadline(collect.round()), Duration.ofMillis(spec.fl().rsuTimeoutMs()));
    for (int v : round.members) {
      send(v, new Vehicle.UploadModel(collect.round(), getContext().getSelf()));
    }
    return this;
  }

  private Behavior<Command> onLocalModel(LocalModel model) {
    meter.count(Link.VEHICLE_TO_RSU, model);
    if (round == null || model.round() != round.round) {
      reject(model, "stale");
      return this;
    }
    if (!round.awaits(model.vehicleId())) {
      reject(model, "foreign or duplicate");
      return this;
    }
    ParameterVector parameters = ParameterVector.fromBytes(model.round(), model.parameters());
    Optional<RejectionReason> poisoned = validator.check(parameters, model.perf());
    if (poisoned.isPresent()) {
      reject(model, poisoned.get().label() + " (" + parameters.size() + " values)");
      round.rejected.add(new AggregationRecord.Rejected(model.vehicleId(), poisoned.get().label()));
    } else {
      round.accept(
          new Contribution(model.vehicleId(), parameters, model.perf(), 1),
          model.parameters().length);
    }
    if (round.allAnswered()) {
      aggregate();
    }
    return this;
  }

  private void reject(LocalModel model, String why) {
    getContext()
        .getLog()
        .warn(
            "model of vehicle {} for round {} rejected: {}", model.vehicleId(), model.round(), why);
  }

  private void aggregate() {
    timers.cancel(TIMER);
    List<Contribution> contributions = List.copyOf(round.contributions.values());
    if (contributions.size() < spec.fl().quorum(round.members.size())) {
      getContext()
          .getLog()
          .warn(
              "round {}: quorum missed ({} of {} models); aborted",
              round.round,
              contributions.size(),
              round.members.size());
      forward(null, List.of(), log(null, contributions));
      return;
    }
    Aggregate aggregate = strategy.aggregate(contributions, null);
    forward(aggregate, contributions, log(aggregate, contributions));
  }

  private void forward(
      Aggregate aggregate, List<Contribution> contributions, AggregationRecord record) {
    round.phase = RoundInProgress.Phase.AGGREGATED;
    int collectionMisses = round.deadlineMisses;
    round.deadlineMisses = 0;
    round.baseStation.tell(
        new BaseStation.RsuAggregate(
            round.round,
            rsuId,
            aggregate == null ? new byte[0] : aggregate.parameters().toBytes(),
            aggregate == null ? 0.0 : aggregate.perf(),
            aggregate == null ? 0 : aggregate.samples(),
            contributions.stream().map(Contribution::contributorId).toList(),
            record,
            meter.drain(),
            collectionMisses,
            getContext().getSelf()));
  }

  /** Centralized MADDPG: the RSU relays its vehicles' experiences instead of aggregating models. */
  private void relay(List<Experience> experiences) {
    round.phase = RoundInProgress.Phase.AGGREGATED;
    round.baseStation.tell(
        new BaseStation.RsuExperience(
            round.round, rsuId, round.members, experiences, meter.drain(), getContext().getSelf()));
  }

  private AggregationRecord log(Aggregate aggregate, List<Contribution> contributions) {
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
    return AggregationLog.write(
        new AggregationRecord(
            round.round,
            "rsu",
            rsuId,
            getContext().getSelf().path().toString(),
            getContext().getSystem().address().toString(),
            strategy.describe(),
            committed ? "committed" : "aborted",
            contributions.stream().map(Contribution::contributorId).toList(),
            round.missingModels(),
            List.copyOf(round.rejected),
            contributions.stream().mapToDouble(Contribution::perf).toArray(),
            committed ? aggregate.weights() : new double[0],
            committed ? aggregate.parameters().norm() : 0.0,
            round.bytes));
  }

  private Behavior<Command> onDistributeGlobal(DistributeGlobal global) {
    return distribute(global.round(), vehicle -> global.parameters());
  }

  private Behavior<Command> onDistributeActors(DistributeActors message) {
    Map<Integer, byte[]> byVehicle = new HashMap<>();
    for (VehicleActor actor : message.actors()) {
      byVehicle.put(actor.vehicleId(), actor.parameters());
    }
    return distribute(message.round(), byVehicle::get);
  }

  /** Passes each member its model from above ({@code parametersOf}; null: none for it). */
  private Behavior<Command> distribute(int roundNumber, IntFunction<byte[]> parametersOf) {
    if (round == null
        || roundNumber != round.round
        || round.phase != RoundInProgress.Phase.AGGREGATED) {
      getContext().getLog().warn("global model of round {} rejected (stale)", roundNumber);
      return this;
    }
    round.phase = RoundInProgress.Phase.DISTRIBUTING;
    for (int v : round.members) {
      if (parametersOf.apply(v) == null) {
        round.markLoaded(v); // nothing to load: the central learner has no actor for it
      }
    }
    if (round.allLoaded()) {
      finish();
      return this;
    }
    timers.startSingleTimer(
        TIMER, new RoundDeadline(roundNumber), Duration.ofMillis(spec.fl().rsuTimeoutMs()));
    for (int v : round.members) {
      byte[] parameters = parametersOf.apply(v);
      if (parameters != null) {
        send(v, new Vehicle.GlobalModel(roundNumber, parameters, getContext().getSelf()));
      }
    }
    return this;
  }

  private Behavior<Command> onModelLoaded(ModelLoaded loaded) {
    meter.count(Link.VEHICLE_TO_RSU, loaded);
    if (round == null || loaded.round() != round.round || !round.markLoaded(loaded.vehicleId())) {
      return this;
    }
    if (round.allLoaded()) {
      finish();
    }
    return this;
  }

  private Behavior<Command> onVehicleLost(VehicleLost lost) {
    if (round == null || !round.lose(lost.vehicleId())) {
      return this;
    }
    getContext()
        .getLog()
        .warn("round {}: vehicle {} lost; counted as failed", round.round, lost.vehicleId());
    if (round.phase == RoundInProgress.Phase.COLLECTING && round.allAnswered()) {
      aggregate();
    } else if (round.phase == RoundInProgress.Phase.DISTRIBUTING && round.allLoaded()) {
      finish();
    }
    return this;
  }

  private Behavior<Command> onRoundDeadline(RoundDeadline deadline) {
    if (round == null || deadline.round() != round.round) {
      return this;
    }
    round.deadlineMisses++;
    if (round.phase == RoundInProgress.Phase.COLLECTING) {
      getContext()
          .getLog()
          .warn(
              "round {}: deadline; no model from vehicles {}", round.round, round.missingModels());
      aggregate();
    } else if (round.phase == RoundInProgress.Phase.DISTRIBUTING) {
      getContext()
          .getLog()
          .warn(
              "round {}: deadline; {} of {} vehicles loaded the global model",
              round.round,
              round.loaded.size(),
              round.members.size());
      finish();
    }
    return this;
  }

  private void finish() {
    timers.cancel(TIMER);
    round.baseStation.tell(
        new BaseStation.RsuDistributed(round.round, rsuId, meter.drain(), round.deadlineMisses));
    round = null;
  }

  private void send(int vehicle, Vehicle.Command message) {
    meter.count(Link.RSU_TO_VEHICLE, message);
    vehicles.vehicle(vehicle).tell(message);
  }
}
