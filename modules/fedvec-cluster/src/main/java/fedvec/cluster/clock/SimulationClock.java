package fedvec.cluster.clock;

import fedvec.cluster.CborSerializable;
import fedvec.cluster.aggregation.AggregationRecord;
import fedvec.cluster.bs.BaseStation;
import fedvec.cluster.rsu.Rsu;
import fedvec.cluster.settings.RunSpec;
import fedvec.cluster.traffic.Link;
import fedvec.cluster.traffic.TrafficMeter;
import fedvec.cluster.traffic.TrafficTally;
import fedvec.model.offload.SlotTally;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/**
 * The simulation clock (a cluster singleton): it drives episodes and slots, holds the slot barrier
 * (no RSU starts slot t+1 before every RSU finished slot t), starts a federated round after each
 * episode, and reports each episode's metrics. It never sees model weights.
 */
public final class SimulationClock extends AbstractBehavior<SimulationClock.Command> {

  /** Messages of the clock. */
  public interface Command {}

  /** Starts the run; events go to {@code replyTo}. */
  public record Start(ActorRef<RunEvent> replyTo) implements Command, CborSerializable {}

  /**
   * An RSU finished a slot: its cell's tally, what it exchanged with its vehicles, and whether the
   * slot ended at the RSU's deadline.
   */
  public record SlotDone(
      int episode, int slot, int rsuId, SlotTally tally, TrafficTally traffic, int deadlineMisses)
      implements Command, CborSerializable {}

  /**
   * The base station finished a round: the aggregation lines of its RSUs and its own, the traffic.
   */
  public record RoundDone(
      int round,
      boolean committed,
      List<AggregationRecord> records,
      TrafficTally traffic,
      int deadlineMisses,
      byte[] checkpoint)
      implements Command, CborSerializable {}

  private record SlotDeadline(int episode, int slot)
      implements Command, NoSerializationVerificationNeeded {}

  private record RoundDeadline(int round) implements Command, NoSerializationVerificationNeeded {}

  private static final String TIMER = "clock";

  private final RunSpec spec;
  private final TimerScheduler<Command> timers;
  private final ActorRef<BaseStation.Command> baseStation;
  private final List<EntityRef<Rsu.Command>> rsus = new ArrayList<>();
  private ActorRef<RunEvent> listener;
  private int episode;
  private int slot;
  private SlotTally[] cells;
  private int cellsDone;
  private SlotTally episodeTally;
  private long episodeStartNanos;
  private boolean roundOpen;
  private TrafficTally episodeTraffic;
  private int deadlineMisses;
  private byte[] checkpoint;
  private List<AggregationRecord> aggregations;
  private final TrafficMeter meter;

  public static Behavior<Command> create(RunSpec spec, ActorRef<BaseStation.Command> baseStation) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers -> new SimulationClock(context, timers, spec, baseStation)));
  }

  private SimulationClock(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      RunSpec spec,
      ActorRef<BaseStation.Command> baseStation) {
    super(context);
    this.spec = spec;
    this.timers = timers;
    this.baseStation = baseStation;
    this.meter = new TrafficMeter(context.getSystem());
    ClusterSharding sharding = ClusterSharding.get(context.getSystem());
    for (int r = 0; r < spec.rsus(); r++) {
      rsus.add(sharding.entityRefFor(Rsu.TYPE_KEY, String.valueOf(r)));
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Start.class, this::onStart)
        .onMessage(SlotDone.class, this::onSlotDone)
        .onMessage(SlotDeadline.class, this::onSlotDeadline)
        .onMessage(RoundDone.class, this::onRoundDone)
        .onMessage(RoundDeadline.class, this::onRoundDeadline)
        .build();
  }

  private Behavior<Command> onStart(Start start) {
    if (listener != null) {
      getContext().getLog().warn("run already started; Start ignored");
      return this;
    }
    listener = start.replyTo();
    getContext()
        .getLog()
        .info(
            "run starts: {} episodes x {} slots, {} vehicles, {} RSUs, {}",
            spec.run().episodes(),
            spec.run().slotsPerEpisode(),
            spec.vehicles(),
            spec.rsus(),
            spec.run().algorithm());
    if (spec.firstEpisode() > spec.run().episodes()) {
      listener.tell(new RunEvent.RunCompleted(spec.run().episodes()));
      return this;
    }
    beginEpisode(spec.firstEpisode());
    return this;
  }

  private void beginEpisode(int next) {
    episode = next;
    episodeTally = SlotTally.EMPTY;
    episodeTraffic = TrafficTally.empty();
    deadlineMisses = 0;
    checkpoint = new byte[0];
    aggregations = List.of();
    episodeStartNanos = System.nanoTime();
    beginSlot(0);
  }

  private void beginSlot(int next) {
    slot = next;
    cells = new SlotTally[spec.rsus()];
    cellsDone = 0;
    // an RSU's slot may wait twice its deadline (decisions, then acknowledgements); this one only
    // catches a lost RSU
    timers.startSingleTimer(
        TIMER, new SlotDeadline(episode, slot), Duration.ofMillis(3 * spec.fl().slotTimeoutMs()));
    for (EntityRef<Rsu.Command> rsu : rsus) {
      Rsu.BeginSlot begin = new Rsu.BeginSlot(episode, slot, getContext().getSelf());
      meter.count(Link.CONTROL, begin);
      rsu.tell(begin);
    }
  }

  private Behavior<Command> onSlotDone(SlotDone done) {
    meter.count(Link.CONTROL, done);
    if (done.episode() != episode
        || done.slot() != slot
        || done.rsuId() < 0
        || done.rsuId() >= cells.length
        || cells[done.rsuId()] != null) {
      getContext()
          .getLog()
          .warn(
              "SlotDone {}/{} of RSU {} rejected (stale or duplicate)",
              done.episode(),
              done.slot(),
              done.rsuId());
      return this;
    }
    cells[done.rsuId()] = done.tally();
    deadlineMisses += done.deadlineMisses();
    episodeTraffic = episodeTraffic.plus(done.traffic());
    if (++cellsDone == cells.length) {
      endSlot();
    }
    return this;
  }

  private Behavior<Command> onSlotDeadline(SlotDeadline deadline) {
    if (deadline.episode() == episode && deadline.slot() == slot && cellsDone < cells.length) {
      deadlineMisses++;
      getContext()
          .getLog()
          .error(
              "slot {}/{}: {} of {} RSUs reported; the rest count as empty",
              episode,
              slot,
              cellsDone,
              cells.length);
      endSlot();
    }
    return this;
  }

  private void endSlot() {
    timers.cancel(TIMER);
    for (SlotTally cell : cells) { // RSU-id order: the same sums on every run
      episodeTally = episodeTally.plus(cell == null ? SlotTally.EMPTY : cell);
    }
    if (slot + 1 < spec.run().slotsPerEpisode()) {
      beginSlot(slot + 1);
    } else if (spec.algorithm().hasRounds()) {
      roundOpen = true;
      timers.startSingleTimer(
          TIMER, new RoundDeadline(episode), Duration.ofMillis(2 * spec.fl().bsTimeoutMs()));
      BaseStation.StartRound start = new BaseStation.StartRound(episode, getContext().getSelf());
      meter.count(Link.CONTROL, start);
      baseStation.tell(start);
    } else {
      endEpisode("none");
    }
  }

  private Behavior<Command> onRoundDone(RoundDone done) {
    meter.count(Link.CONTROL, done);
    if (!roundOpen || done.round() != episode) {
      getContext().getLog().warn("RoundDone {} rejected (stale)", done.round());
      return this;
    }
    aggregations = done.records();
    episodeTraffic = episodeTraffic.plus(done.traffic());
    deadlineMisses += done.deadlineMisses();
    checkpoint = done.checkpoint();
    endEpisode(done.committed() ? "committed" : "aborted");
    return this;
  }

  private Behavior<Command> onRoundDeadline(RoundDeadline deadline) {
    if (roundOpen && deadline.round() == episode) {
      getContext().getLog().error("round {}: the base station did not finish in time", episode);
      deadlineMisses++;
      endEpisode("aborted");
    }
    return this;
  }

  private void endEpisode(String round) {
    timers.cancel(TIMER);
    roundOpen = false;
    long wallMs = (System.nanoTime() - episodeStartNanos) / 1_000_000;
    listener.tell(
        new RunEvent.EpisodeCompleted(
            new EpisodeMetrics(
                episode, episodeTally, spec.vehicles(), round, deadlineMisses, wallMs),
            aggregations,
            episodeTraffic.plus(meter.drain()),
            checkpoint));
    if (episode < spec.run().episodes()) {
      beginEpisode(episode + 1);
    } else {
      getContext().getLog().info("run complete after {} episodes", episode);
      // not metered: the run's traffic is final with the last episode's metrics
      rsus.forEach(rsu -> rsu.tell(new Rsu.RunOver(episode)));
      listener.tell(new RunEvent.RunCompleted(episode));
    }
  }
}
