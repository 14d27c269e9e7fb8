package fedvec.cluster.node;

import com.typesafe.config.Config;
import fedvec.cluster.bs.BaseStation;
import fedvec.cluster.clock.SimulationClock;
import fedvec.cluster.rsu.Rsu;
import fedvec.cluster.settings.RunSpec;
import fedvec.cluster.vehicle.Vehicle;
import fedvec.cluster.vehicle.VehicleDirectory;
import fedvec.learning.network.EngineWarmUp;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.ClusterSingletonSettings;
import org.apache.pekko.cluster.typed.SingletonActor;

/**
 * Hosts a run on a cluster node: registers the sharded entities (vehicles on role "vehicles", RSUs
 * on role "rsu") and the singletons (clock and base station on role "coordinator"). Every node of
 * the cluster calls this with the same spec; each then hosts what its roles allow.
 */
public final class FedvecNode {
  /** The dispatcher vehicles act and train on (cluster-config/node.conf). */
  public static final String TRAINING_DISPATCHER = "fedvec.training-dispatcher";

  public static final String COORDINATOR = "coordinator";
  public static final String RSU = "rsu";
  public static final String VEHICLES = "vehicles";

  /** Every fedvec node's actor system has this name; nodes of one cluster must share it. */
  public static final String SYSTEM_NAME = "fedvec";

  private FedvecNode() {}

  /**
   * Starts a node: its actor system (which joins the cluster's seed nodes, if the config names any)
   * and its {@link NodeAgent}, through which the coordinator hands it the run. The tensor engine
   * loads meanwhile, on a thread of its own.
   */
  public static ActorSystem<Void> start(Config config) {
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), SYSTEM_NAME, config);
    EngineWarmUp.start();
    system.systemActorOf(NodeAgent.create(), "node-agent", Props.empty());
    return system;
  }

  /**
   * Starts the run's entities and singletons on {@code system}; returns the clock's proxy.
   * Idempotent: a second call returns the same regions and proxies.
   */
  public static ActorRef<SimulationClock.Command> host(ActorSystem<?> system, RunSpec spec) {
    // order matters: RSU regions before the base station (it addresses RSUs), the base station
    // before the vehicles (they ask it for the latest global model)
    ClusterSharding sharding = ClusterSharding.get(system);
    VehicleDirectory vehicles = VehicleDirectory.sharded(system);
    sharding.init(
        Entity.of(
                Rsu.TYPE_KEY,
                ctx -> Rsu.create(spec, Integer.parseInt(ctx.getEntityId()), vehicles))
            .withRole(RSU));
    ClusterSingleton singletons = ClusterSingleton.get(system);
    ClusterSingletonSettings coordinator =
        ClusterSingletonSettings.create(system).withRole(COORDINATOR);
    ActorRef<BaseStation.Command> baseStation =
        singletons.init(
            SingletonActor.of(BaseStation.create(spec), "base-station")
                .withSettings(coordinator)
                // centralized MADDPG trains there; never on Pekko's default dispatcher
                .withProps(DispatcherSelector.fromConfig(TRAINING_DISPATCHER)));
    sharding.init(
        Entity.of(
                Vehicle.TYPE_KEY,
                ctx -> Vehicle.create(spec, Integer.parseInt(ctx.getEntityId()), baseStation))
            .withRole(VEHICLES)
            .withEntityProps(DispatcherSelector.fromConfig(TRAINING_DISPATCHER)));
    return singletons.init(
        SingletonActor.of(SimulationClock.create(spec, baseStation), "simulation-clock")
            .withSettings(coordinator));
  }
}
