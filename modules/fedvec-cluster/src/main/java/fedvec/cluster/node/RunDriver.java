package fedvec.cluster.node;

import fedvec.cluster.clock.RunEvent;
import fedvec.cluster.clock.SimulationClock;
import fedvec.cluster.rsu.Rsu;
import fedvec.cluster.settings.RunSpec;
import fedvec.cluster.vehicle.Vehicle;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.ClusterSharding;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;
import org.apache.pekko.pattern.Patterns;

/**
 * Runs one simulation from the coordinator: waits until {@code minNodes} nodes are Up and host the
 * run (a node that joins later is handed the run too) and until the shard coordinators know every
 * hosting node's vehicle and RSU regions, starts the clock, and passes the clock's events on. (The
 * clock's first slot allocates the shards, and they stay where they are allocated: a region that
 * registered late would get none.) When the run is over it shuts the other nodes down one at a
 * time, youngest first, so that a singleton on a leaving node (the vehicles' shard coordinator) can
 * hand over to an older one.
 */
final class RunDriver extends AbstractBehavior<RunDriver.Command> {

  interface Command extends NoSerializationVerificationNeeded {}

  private record NodesChanged(Receptionist.Listing listing) implements Command {}

  private record NodeHosted(ActorRef<NodeAgent.Command> node, NodeAgent.Hosted hosted)
      implements Command {}

  private record Event(RunEvent event) implements Command {}

  /** How many regions of an entity type its shard coordinator knows (0 when it did not answer). */
  private record RegionsCounted(EntityTypeKey<?> type, int regions) implements Command {}

  private enum Check implements Command {
    INSTANCE
  }

  private enum JoinDeadline implements Command {
    INSTANCE
  }

  /** Tell every node the run is over. */
  enum ShutdownNodes implements Command {
    INSTANCE
  }

  private record MemberRemoved(ClusterEvent.MemberRemoved event) implements Command {}

  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(30);

  private final TimerScheduler<Command> timers;
  private final RunSpec spec;
  private final int minNodes;
  private final Duration joinTimeout;
  private final Consumer<RunEvent> events;
  private final Set<ActorRef<NodeAgent.Command>> asked = new HashSet<>();
  private final Set<ActorRef<NodeAgent.Command>> hosting = new HashSet<>();
  private int vehicleRegions; // as the vehicles' shard coordinator last counted them
  private int rsuRegions;
  private int countsInFlight;
  private ActorRef<SimulationClock.Command> clock; // set once this node hosts the run
  private boolean started;
  private final Deque<ActorRef<NodeAgent.Command>> toShutDown = new ArrayDeque<>();

  static Behavior<Command> create(
      RunSpec spec, int minNodes, Duration joinTimeout, Consumer<RunEvent> events) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers -> new RunDriver(context, timers, spec, minNodes, joinTimeout, events)));
  }

  private RunDriver(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      RunSpec spec,
      int minNodes,
      Duration joinTimeout,
      Consumer<RunEvent> events) {
    super(context);
    this.timers = timers;
    this.spec = spec;
    this.minNodes = minNodes;
    this.joinTimeout = joinTimeout;
    this.events = events;
    context
        .getSystem()
        .receptionist()
        .tell(
            Receptionist.subscribe(
                NodeAgent.KEY,
                context.messageAdapter(Receptionist.Listing.class, NodesChanged::new)));
    timers.startTimerWithFixedDelay(Check.INSTANCE, Duration.ofMillis(100));
    timers.startSingleTimer(JoinDeadline.INSTANCE, joinTimeout);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(NodesChanged.class, this::onNodesChanged)
        .onMessage(NodeHosted.class, this::onNodeHosted)
        .onMessage(Event.class, this::onEvent)
        .onMessage(RegionsCounted.class, this::onRegionsCounted)
        .onMessageEquals(Check.INSTANCE, this::startWhenReady)
        .onMessageEquals(JoinDeadline.INSTANCE, this::onJoinDeadline)
        .onMessageEquals(ShutdownNodes.INSTANCE, this::onShutdownNodes)
        .onMessage(MemberRemoved.class, removed -> shutDownNext())
        .build();
  }

  private Behavior<Command> onNodesChanged(NodesChanged changed) {
    for (ActorRef<NodeAgent.Command> node : changed.listing().getServiceInstances(NodeAgent.KEY)) {
      if (asked.add(node)) {
        getContext()
            .ask(
                NodeAgent.Hosted.class,
                node,
                ASK_TIMEOUT,
                replyTo -> new NodeAgent.HostRun(spec, replyTo),
                (hosted, failure) -> new NodeHosted(node, hosted));
      }
    }
    return this;
  }

  private Behavior<Command> onNodeHosted(NodeHosted answer) {
    if (answer.hosted() == null) {
      getContext().getLog().warn("node {} did not confirm hosting; asking again", answer.node());
      asked.remove(answer.node());
      return this;
    }
    hosting.add(answer.node());
    getContext()
        .getLog()
        .info("{} hosts the run ({} nodes)", answer.hosted().node(), hosting.size());
    return startWhenReady();
  }

  private Behavior<Command> startWhenReady() {
    if (started || hosting.size() < minNodes || upMembers() < minNodes) {
      return this;
    }
    if (clock == null) {
      clock = FedvecNode.host(getContext().getSystem(), spec);
    }
    if (!regionsRegistered()) {
      countRegions();
      return this;
    }
    started = true;
    timers.cancel(Check.INSTANCE);
    getContext()
        .getLog()
        .info(
            "{} nodes Up and hosting, vehicle regions on {}, RSU regions on {}; starting the clock",
            hosting.size(),
            vehicleRegions,
            rsuRegions);
    clock.tell(new SimulationClock.Start(getContext().messageAdapter(RunEvent.class, Event::new)));
    return this;
  }

  private boolean regionsRegistered() {
    return vehicleRegions >= hostsWithRole(FedvecNode.VEHICLES)
        && rsuRegions >= hostsWithRole(FedvecNode.RSU);
  }

  private void countRegions() {
    if (countsInFlight > 0) {
      return;
    }
    // the classic query: typed sharding's shardState answers only where a region (not a proxy)
    // runs, and this node may host neither vehicles nor RSUs
    ClusterSharding sharding = ClusterSharding.get(Adapter.toClassic(getContext().getSystem()));
    for (EntityTypeKey<?> type : List.of(Vehicle.TYPE_KEY, Rsu.TYPE_KEY)) {
      countsInFlight++;
      getContext()
          .pipeToSelf(
              Patterns.ask(
                  sharding.shardRegion(type.name()),
                  ShardRegion.getCurrentRegionsInstance(),
                  Duration.ofSeconds(2)),
              (answer, failure) ->
                  new RegionsCounted(
                      type,
                      answer instanceof ShardRegion.CurrentRegions regions
                          ? regions.getRegions().size()
                          : 0));
    }
  }

  private Behavior<Command> onRegionsCounted(RegionsCounted counted) {
    countsInFlight--;
    if (counted.type().equals(Vehicle.TYPE_KEY)) {
      vehicleRegions = counted.regions();
    } else {
      rsuRegions = counted.regions();
    }
    // not yet: the next Check asks again
    return countsInFlight == 0 && regionsRegistered() ? startWhenReady() : this;
  }

  private Behavior<Command> onJoinDeadline() {
    if (started) {
      return this;
    }
    if (hosting.size() < minNodes || upMembers() < minNodes) {
      events.accept(
          new RunEvent.RunFailed(
              String.format(
                  "only %d of %d nodes were Up and hosting within %s (members Up: %d); start the"
                      + " missing nodes with `bin/fedvec node` or lower --min-nodes",
                  hosting.size(), minNodes, joinTimeout, upMembers())));
    } else {
      events.accept(
          new RunEvent.RunFailed(
              String.format(
                  "%d nodes host the run, but within %s the shard coordinators knew vehicle regions"
                      + " on %d of %d and RSU regions on %d of %d of them; see the nodes' logs",
                  hosting.size(),
                  joinTimeout,
                  vehicleRegions,
                  hostsWithRole(FedvecNode.VEHICLES),
                  rsuRegions,
                  hostsWithRole(FedvecNode.RSU))));
    }
    return this;
  }

  private Behavior<Command> onEvent(Event event) {
    events.accept(event.event());
    return this;
  }

  private Behavior<Command> onShutdownNodes() {
    Cluster cluster = Cluster.get(getContext().getSystem());
    List<Member> members = new ArrayList<>();
    cluster.state().getMembers().forEach(members::add);
    members.sort((a, b) -> a.isOlderThan(b) ? 1 : b.isOlderThan(a) ? -1 : 0); // youngest first
    for (Member member : members) {
      for (ActorRef<NodeAgent.Command> node : asked) {
        // remote nodes only (a local reference has no host): this node stops last, after its
        // outputs
        if (node.path().address().hasGlobalScope()
            && node.path().address().equals(member.address())) {
          toShutDown.add(node);
        }
      }
    }
    cluster
        .subscriptions()
        .tell(
            Subscribe.create(
                getContext().messageAdapter(ClusterEvent.MemberRemoved.class, MemberRemoved::new),
                ClusterEvent.MemberRemoved.class));
    return shutDownNext();
  }

  private Behavior<Command> shutDownNext() {
    ActorRef<NodeAgent.Command> next = toShutDown.poll();
    if (next != null) {
      next.tell(new NodeAgent.Shutdown("run finished"));
    }
    return this;
  }

  /** Up members with {@code role} that host the run: each has a region of that role's entities. */
  private long hostsWithRole(String role) {
    Cluster cluster = Cluster.get(getContext().getSystem());
    Set<Address> hosts = new HashSet<>();
    for (ActorRef<NodeAgent.Command> node : hosting) {
      Address address = node.path().address();
      hosts.add(address.hasGlobalScope() ? address : cluster.selfMember().address());
    }
    return up().filter(member -> member.hasRole(role) && hosts.contains(member.address())).count();
  }

  private long upMembers() {
    return up().count();
  }

  private Stream<Member> up() {
    Iterable<Member> members = Cluster.get(getContext().getSystem()).state().getMembers();
    return StreamSupport.stream(members.spliterator(), false)
        .filter(member -> member.status() == MemberStatus.up());
  }
}
