package fedvec.cluster.bs;

import fedvec.cluster.CborSerializable;
import fedvec.cluster.aggregation.AggregationLog;
import fedvec.cluster.aggregation.AggregationRecord;
import fedvec.cluster.clock.SimulationClock;
import fedvec.cluster.rsu.Rsu;
import fedvec.cluster.rsu.RsuAggregator;
import fedvec.cluster.settings.RunSpec;
import fedvec.cluster.traffic.Link;
import fedvec.cluster.traffic.TrafficMeter;
import fedvec.cluster.traffic.TrafficTally;
import fedvec.cluster.vehicle.Vehicle;
import fedvec.learning.aggregation.Aggregate;
import fedvec.learning.aggregation.AggregationStrategy;
import fedvec.learning.aggregation.Contribution;
import fedvec.learning.maddpg.Experience;
import fedvec.learning.maddpg.MaddpgTrainer;
import fedvec.learning.parameters.ParameterVector;
import fedvec.learning.validation.RejectionReason;
import fedvec.learning.validation.UpdateValidator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/**
 * The base station (a cluster singleton): the second aggregation tier of paper 000. It collects the
 * RSU aggregates, soft-updates the global model (eqs. 24, 25) and sends it back down through the
 * RSUs.
 */
public final class BaseStation extends AbstractBehavior<BaseStation.Command> {

  /** Messages of the base station. */
  public interface Command {}

  /** The clock opens round {@code round}. */
  public record StartRound(int round, ActorRef<SimulationClock.Command> replyTo)
      implements Command, CborSerializable {}

  /**
   * An RSU's aggregate (empty parameters when it had no vehicles or missed its quorum).
   *
   * @param samples vehicles behind the aggregate
   * @param contributors their ids
   * @param record the RSU's aggregation line, null when it had no vehicles
   * @param traffic what the RSU's round exchanged with its vehicles so far
   * @param deadlineMisses times the RSU's collection ended at its deadline (0 or 1)
   * @param replyTo where the global model goes back down
   */
  public record RsuAggregate(
      int round,
      int rsuId,
      byte[] parameters,
      double perf,
      int samples,
      List<Integer> contributors,
      AggregationRecord record,
      TrafficTally traffic,
      int deadlineMisses,
      ActorRef<RsuAggregator.Command> replyTo)
      implements Command, CborSerializable {}

  /**
   * An RSU passed the global model to its vehicles: what that exchanged with them, and whether it
   * ended at its deadline.
   */
  public record RsuDistributed(int round, int rsuId, TrafficTally traffic, int deadlineMisses)
      implements Command, CborSerializable {}

  /**
   * Centralized MADDPG: an RSU's relay of what its vehicles experienced during the episode.
   *
   * @param members the RSU's vehicles at the end of the episode, who get their actors through it
   * @param traffic what the RSU exchanged with its vehicles for the round so far
   * @param replyTo where the actors go back down
   */
  public record RsuExperience(
      int round,
      int rsuId,
      List<Integer> members,
      List<Experience> experiences,
      TrafficTally traffic,
      ActorRef<RsuAggregator.Command> replyTo)
      implements Command, CborSerializable {}

  /** A vehicle that starts asks for the latest global model (or its latest actor). */
  public record GetGlobalModel(ActorRef<Vehicle.Command> replyTo, int vehicleId)
      implements Command, CborSerializable {}

  private record RoundDeadline(int round) implements Command, NoSerializationVerificationNeeded {}

  private static final String TIMER = "round";

  private final RunSpec spec;
  private final TimerScheduler<Command> timers;
  private final AggregationStrategy strategy;
  private final List<EntityRef<Rsu.Command>> rsus = new ArrayList<>();
  private ParameterVector global;
  private int lastRound;
  private int round;
  private boolean collecting;
  private ActorRef<SimulationClock.Command> clock;
  private final TreeMap<Integer, RsuAggregate> aggregates = new TreeMap<>();
  private final TreeMap<Integer, RsuExperience> experiences = new TreeMap<>();
  private final MaddpgTrainer central; // centralized MADDPG's learner, null otherwise
  private int distributing; // RSUs the round's models went down to
  private final Set<Integer> distributed = new TreeSet<>();
  private boolean committed;
  private final List<AggregationRecord> records = new ArrayList<>();
  private final List<AggregationRecord.Rejected> rejected = new ArrayList<>();
  private final UpdateValidator validator;
  private final TrafficMeter meter;
  private TrafficTally roundTraffic = TrafficTally.empty();
  private int deadlineMisses;
  private int trainedRound;

  public static Behavior<Command> create(RunSpec spec) {
    return Behaviors.setup(
        context -> Behaviors.withTimers(timers -> new BaseStation(context, timers, spec)));
  }

  private BaseStation(ActorContext<Command> context, TimerScheduler<Command> timers, RunSpec spec) {
    super(context);
    this.spec = spec;
    this.timers = timers;
    this.strategy = spec.algorithm().baseStationStrategy(spec.aggregation());
    this.meter = new TrafficMeter(context.getSystem());
    this.validator =
        new UpdateValidator(spec.ddpgShape().parameterCount(), spec.fl().maxUpdateNorm());
    // theta_global starts as the vehicles' common initial model
    this.global = spec.initialModel();
    this.central =
        spec.algorithm().centralized()
            ? new MaddpgTrainer(
                spec.learning(),
                spec.ddpgShape(),
                spec.vehicles(),
                Arrays.copyOf(global.toArray(), spec.ddpgShape().actorParameterCount()),
                spec.run().seed())
            : null;
    ClusterSharding sharding = ClusterSharding.get(context.getSystem());
    for (int r = 0; r < spec.rsus(); r++) {
      rsus.add(sharding.entityRefFor(Rsu.TYPE_KEY, String.valueOf(r)));
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(StartRound.class, this::onStartRound)
        .onMessage(RsuAggregate.class, this::onRsuAggregate)
        .onMessage(RsuExperience.class, this::onRsuExperience)
        .onMessage(RsuDistributed.class, this::onRsuDistributed)
        .onMessage(RoundDeadline.class, this::onRoundDeadline)
        .onMessage(GetGlobalModel.class, this::onGetGlobalModel)
        .onSignal(PostStop.class, signal -> onPostStop())
        .build();
  }

  private Behavior<Command> onStartRound(StartRound start) {
    if (start.round() <= lastRound) {
      getContext().getLog().warn("stale StartRound {} rejected", start.round());
      return this;
    }
    lastRound = start.round();
    round = start.round();
    clock = start.replyTo();
    collecting = true;
    aggregates.clear();
    experiences.clear();
    distributed.clear();
    records.clear();
    rejected.clear();
    roundTraffic = TrafficTally.empty();
    deadlineMisses = 0;
    meter.drain();
    timers.startSingleTimer(
        TIMER, new RoundDeadline(round), Duration.ofMillis(spec.fl().bsTimeoutMs()));
    for (EntityRef<Rsu.Command> rsu : rsus) {
      Rsu.CollectModels collect = new Rsu.CollectModels(round, getContext().getSelf());
      meter.count(Link.BS_TO_RSU, collect);
      rsu.tell(collect);
    }
    return this;
  }

  private Behavior<Command> onRsuAggregate(RsuAggregate aggregate) {
    meter.count(Link.RSU_TO_BS, aggregate);
    if (!awaits(aggregate.round(), aggregate.rsuId(), central == null, "aggregate")) {
      return this;
    }
    aggregates.put(aggregate.rsuId(), aggregate);
    roundTraffic = roundTraffic.plus(aggregate.traffic());
    deadlineMisses += aggregate.deadlineMisses();
    if (aggregate.record() != null) {
      records.add(aggregate.record());
    }
    if (aggregates.size() == rsus.size()) {
      aggregate();
    }
    return this;
  }

  private Behavior<Command> onRsuExperience(RsuExperience relay) {
    meter.count(Link.RSU_TO_BS, relay);
    if (!awaits(relay.round(), relay.rsuId(), central != null, "experience")) {
      return this;
    }
    experiences.put(relay.rsuId(), relay);
    roundTraffic = roundTraffic.plus(relay.traffic());
    if (experiences.size() == rsus.size()) {
      aggregate();
    }
    return this;
  }

  /**
   * Whether the round collects {@code what} from RSU {@code rsuId} now: the current round, a known
   * RSU that has not answered, and the kind of answer this algorithm expects ({@code expected}).
   */
  private boolean awaits(int answerRound, int rsuId, boolean expected, String what) {
    boolean fresh =
        collecting
            && expected
            && answerRound == round
            && rsuId >= 0
            && rsuId < rsus.size()
            && !aggregates.containsKey(rsuId)
            && !experiences.containsKey(rsuId);
    if (!fresh) {
      getContext()
          .getLog()
          .warn(
              "{} of RSU {} for round {} rejected (stale, duplicate or unexpected)",
              what,
              rsuId,
              answerRound);
    }
    return fresh;
  }

  /** Eqs. (16), (24), (25) over the RSU aggregates that arrived, in RSU-id order. */
  private void aggregate() {
    if (central != null) {
      trainCentrally();
      return;
    }
    collecting = false;
    List<Contribution> contributions = new ArrayList<>();
    long bytes = 0;
    for (RsuAggregate a : aggregates.values()) {
      if (a.samples() > 0) {
        ParameterVector p = ParameterVector.fromBytes(round, a.parameters());
        Optional<RejectionReason> poisoned = validator.check(p, a.perf());
        if (poisoned.isEmpty()) {
          contributions.add(new Contribution(a.rsuId(), p, a.perf(), a.samples()));
          bytes += a.parameters().length;
        } else {
          getContext()
              .getLog()
              .warn(
                  "round {}: aggregate of RSU {} rejected: {}",
                  round,
                  a.rsuId(),
                  poisoned.get().label());
          rejected.add(new AggregationRecord.Rejected(a.rsuId(), poisoned.get().label()));
        }
      }
    }
    List<Integer> missing = missing(aggregates.keySet());
    committed = !contributions.isEmpty() && aggregates.size() >= spec.fl().quorum(rsus.size());
    Aggregate result = committed ? strategy.aggregate(contributions, global) : null;
    if (committed) {
      global = result.parameters().withVersion(round);
    }
    records.add(log(result, contributions, missing, bytes));
    if (!committed) {
      finishRound();
      return;
    }
    timers.startSingleTimer(
        TIMER, new RoundDeadline(round), Duration.ofMillis(spec.fl().bsTimeoutMs()));
    distributing = aggregates.size();
    byte[] packed = global.toBytes();
    for (int r : aggregates.keySet()) {
      RsuAggregator.DistributeGlobal distribute = new RsuAggregator.DistributeGlobal(round, packed);
      meter.count(Link.BS_TO_RSU, distribute);
      aggregates.get(r).replyTo().tell(distribute);
    }
  }

  /**
   * Centralized MADDPG: the episode's experiences from every RSU that relayed them train the
   * central learner (as many updates as one DDPG vehicle makes in an episode), then each RSU gets
   * the actors of its vehicles.
   */
  private void trainCentrally() {
    collecting = false;
    List<Experience> episode = new ArrayList<>();
    long bytes = 0;
    for (RsuExperience relay : experiences.values()) {
      episode.addAll(relay.experiences());
      for (Experience e : relay.experiences()) {
        bytes += 4L * (e.observation().length + (e.action() == null ? 0 : e.action().length) + 1);
      }
    }
    List<Integer> missing = missing(experiences.keySet());
    committed = experiences.size() >= spec.fl().quorum(rsus.size());
    int updates = 0;
    if (committed) {
      central.addEpisode(spec.run().slotsPerEpisode(), episode);
      updates = central.train(spec.run().slotsPerEpisode() / spec.learning().trainEvery());
      trainedRound = round;
    }
    ParameterVector[] actors = new ParameterVector[committed ? central.agents() : 0];
    double squaredNorm = 0;
    for (int v = 0; v < actors.length; v++) {
      actors[v] = central.actor(v, round);
      squaredNorm += actors[v].norm() * actors[v].norm();
    }
    String described = "maddpg-central(updates=" + updates + ")";
    getContext()
        .getLog()
        .info(
            "round {}: {} from {} experiences of {} RSUs ({})",
            round,
            described,
            episode.size(),
            experiences.size(),
            committed ? "committed" : "aborted");
    records.add(
        record(
            described,
            List.copyOf(experiences.keySet()),
            missing,
            new double[0],
            new double[0],
            Math.sqrt(squaredNorm),
            bytes));
    if (!committed) {
      finishRound();
      return;
    }
    timers.startSingleTimer(
        TIMER, new RoundDeadline(round), Duration.ofMillis(spec.fl().bsTimeoutMs()));
    distributing = experiences.size();
    for (RsuExperience relay : experiences.values()) {
      List<RsuAggregator.VehicleActor> down = new ArrayList<>();
      for (int v : relay.members()) {
        if (v >= 0 && v < actors.length) {
          down.add(new RsuAggregator.VehicleActor(v, actors[v].toBytes()));
        }
      }
      RsuAggregator.DistributeActors distribute = new RsuAggregator.DistributeActors(round, down);
      meter.count(Link.BS_TO_RSU, distribute);
      relay.replyTo().tell(distribute);
    }
  }

  /** The RSUs that did not answer this round. */
  private List<Integer> missing(Set<Integer> answered) {
    List<Integer> missing = new ArrayList<>();
    for (int r = 0; r < rsus.size(); r++) {
      if (!answered.contains(r)) {
        missing.add(r);
      }
    }
    return missing;
  }

  /** This round's BS line of aggregation.jsonl, logged on this node. */
  private AggregationRecord record(
      String described,
      List<Integer> contributors,
      List<Integer> missing,
      double[] perf,
      double[] weights,
      double norm,
      long bytes) {
    return AggregationLog.write(
        new AggregationRecord(
            round,
            "bs",
            null,
            getContext().getSelf().path().toString(),
            getContext().getSystem().address().toString(),
            described,
            committed ? "committed" : "aborted",
            contributors,
            missing,
            List.copyOf(rejected),
            perf,
            weights,
            norm,
            bytes));
  }

  private AggregationRecord log(
      Aggregate result, List<Contribution> contributions, List<Integer> missing, long bytes) {
    getContext()
        .getLog()
        .info(
            "round {}: {} over {} RSU aggregates ({}), weights {}",
            round,
            strategy.describe(),
            contributions.size(),
            committed ? "committed" : "aborted",
            committed ? result.weights() : "-");
    return record(
        strategy.describe(),
        contributions.stream().map(Contribution::contributorId).toList(),
        missing,
        contributions.stream().mapToDouble(Contribution::perf).toArray(),
        committed ? result.weights() : new double[0],
        committed ? global.norm() : 0.0,
        bytes);
  }

  private Behavior<Command> onGetGlobalModel(GetGlobalModel request) {
    if (central == null) {
      request.replyTo().tell(new Vehicle.Restore((int) global.version(), global.toBytes()));
    } else if (request.vehicleId() >= 0 && request.vehicleId() < central.agents()) {
      request
          .replyTo()
          .tell(
              new Vehicle.Restore(
                  trainedRound, central.actor(request.vehicleId(), trainedRound).toBytes()));
    }
    return this;
  }

  private Behavior<Command> onPostStop() {
    if (central != null) {
      central.close();
    }
    return this;
  }

  private Behavior<Command> onRsuDistributed(RsuDistributed done) {
    meter.count(Link.RSU_TO_BS, done);
    if (done.round() != round || collecting || !distributed.add(done.rsuId())) {
      return this;
    }
    roundTraffic = roundTraffic.plus(done.traffic());
    deadlineMisses += done.deadlineMisses();
    if (distributed.size() == distributing) {
      finishRound();
    }
    return this;
  }

  private Behavior<Command> onRoundDeadline(RoundDeadline deadline) {
    if (deadline.round() != round) {
      return this;
    }
    deadlineMisses++;
    if (collecting) {
      getContext()
          .getLog()
          .warn(
              "round {}: deadline with {} of {} RSUs' aggregates or experiences",
              round,
              aggregates.size() + experiences.size(),
              rsus.size());
      aggregate();
    } else {
      getContext()
          .getLog()
          .warn(
              "round {}: deadline with {} of {} RSUs distributed",
              round,
              distributed.size(),
              distributing);
      finishRound();
    }
    return this;
  }

  /** A checkpoint is taken after every {@code checkpoint-every}-th round. */
  private boolean checkpointDue() {
    int every = spec.run().checkpointEvery();
    return every > 0 && round % every == 0;
  }

  private void finishRound() {
    timers.cancel(TIMER);
    records.sort(
        java.util.Comparator.comparing((AggregationRecord r) -> r.rsu() == null)
            .thenComparing(r -> r.rsu() == null ? 0 : r.rsu()));
    clock.tell(
        new SimulationClock.RoundDone(
            round,
            committed,
            List.copyOf(records),
            roundTraffic.plus(meter.drain()),
            deadlineMisses,
            checkpointDue() ? global.toBytes() : new byte[0]));
  }
}
