package fedvec.cluster.vehicle;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * How an RSU reaches a vehicle: through Cluster Sharding in a run, a test probe in an actor test.
 */
@FunctionalInterface
public interface VehicleDirectory {

  RecipientRef<Vehicle.Command> vehicle(int id);

  /** The sharded vehicles of {@code system}'s cluster, wherever they run. */
  static VehicleDirectory sharded(ActorSystem<?> system) {
    ClusterSharding sharding = ClusterSharding.get(system);
    return id -> sharding.entityRefFor(Vehicle.TYPE_KEY, String.valueOf(id));
  }
}
