package fedvec.cluster.node;

import fedvec.cluster.clock.RunEvent;
import fedvec.cluster.settings.RunSpec;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * A run started from the coordinator node, seen from the outside: the clock's events arrive in a
 * queue, so the caller (the command line, a test) consumes them on its own thread.
 */
public final class RunSession {
  private final BlockingQueue<RunEvent> events = new LinkedBlockingQueue<>();
  private final ActorSystem<?> system;
  private final ActorRef<RunDriver.Command> driver;

  private RunSession(ActorSystem<?> system, RunSpec spec, int minNodes, Duration joinTimeout) {
    this.system = system;
    driver =
        system.systemActorOf(
            RunDriver.create(spec, minNodes, joinTimeout, events::add),
            "run-driver",
            Props.empty());
  }

  /**
   * Starts {@code spec} once {@code minNodes} cluster nodes (this one included) are Up and host it.
   *
   * @param joinTimeout how long to wait for them before the run fails
   */
  public static RunSession start(
      ActorSystem<?> system, RunSpec spec, int minNodes, Duration joinTimeout) {
    return new RunSession(system, spec, minNodes, joinTimeout);
  }

  /** The next event; throws when none arrives within {@code timeout}. */
  public RunEvent next(Duration timeout) throws InterruptedException, TimeoutException {
    RunEvent event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (event == null) {
      throw new TimeoutException("no progress from the simulation clock within " + timeout);
    }
    return event;
  }

  /**
   * Tells every other node of the run to leave the cluster and stop, and waits (at most {@code
   * timeout}) until they left, so that this node, which they joined through, goes last.
   */
  public void shutdownNodes(Duration timeout) throws InterruptedException {
    driver.tell(RunDriver.ShutdownNodes.INSTANCE);
    Cluster cluster = Cluster.get(system);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline && othersRemain(cluster)) {
      Thread.sleep(100);
    }
  }

  private static boolean othersRemain(Cluster cluster) {
    for (Member member : cluster.state().getMembers()) {
      if (!member.equals(cluster.selfMember())) {
        return true;
      }
    }
    return false;
  }
}
