package fedvec.cluster.node;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;

/** The embedded default: one node with every role, on loopback, that joins itself. */
public final class EmbeddedCluster {
  private EmbeddedCluster() {}

  /** Starts the node and waits until it is Up (at most {@code timeout}). */
  public static ActorSystem<Void> start(Config config, Duration timeout) throws TimeoutException {
    ActorSystem<Void> system = FedvecNode.start(config);
    Cluster cluster = Cluster.get(system);
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    long deadline = System.nanoTime() + timeout.toNanos();
    while (cluster.selfMember().status() != MemberStatus.up()) {
      if (System.nanoTime() > deadline) {
        stop(system);
        throw new TimeoutException("the embedded node was not Up within " + timeout);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stop(system);
        throw new TimeoutException("interrupted while waiting for the embedded node");
      }
    }
    return system;
  }

  /** Terminates the node and waits for it (at most 30 s). */
  public static void stop(ActorSystem<?> system) {
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      // a node that does not stop in time is left to the JVM's exit
    }
  }
}
