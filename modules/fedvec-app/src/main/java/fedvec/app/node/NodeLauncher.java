package fedvec.app.node;

import com.typesafe.config.Config;
import fedvec.cluster.node.FedvecNode;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.management.javadsl.PekkoManagement;

/** Starts a cluster node from its configuration, with its management endpoint when configured. */
public final class NodeLauncher {
  private NodeLauncher() {}

  public static ActorSystem<Void> start(Config config) {
    ActorSystem<Void> system = FedvecNode.start(config);
    if (config.getBoolean("fedvec.node.management")) {
      PekkoManagement.get(system.classicSystem()).start();
    }
    return system;
  }
}
