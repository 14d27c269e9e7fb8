package fedvec.cluster.node;

import fedvec.cluster.clock.RunEvent;
import fedvec.cluster.clock.SimulationClock;
import fedvec.cluster.settings.RunSpec;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A started run seen from the outside: the clock's events arrive in a queue, so the caller (the
 * command line, a test) consumes them on its own thread.
 */
public final class RunSession {
  private final BlockingQueue<RunEvent> events = new LinkedBlockingQueue<>();

  private RunSession() {}

  /** Hosts {@code spec} on {@code system} and starts the clock. */
  public static RunSession start(ActorSystem<?> system, RunSpec spec) {
    RunSession session = new RunSession();
    ActorRef<SimulationClock.Command> clock = FedvecNode.host(system, spec);
    ActorRef<RunEvent> listener =
        system.systemActorOf(
            Behaviors.receive(RunEvent.class)
                .onAnyMessage(
                    event -> {
                      session.events.add(event);
                      return Behaviors.same();
                    })
                .build(),
            "run-listener",
            Props.empty());
    clock.tell(new SimulationClock.Start(listener));
    return session;
  }

  /** The next event; throws when none arrives within {@code timeout}. */
  public RunEvent next(Duration timeout) throws InterruptedException, TimeoutException {
    RunEvent event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (event == null) {
      throw new TimeoutException("no progress from the simulation clock within " + timeout);
    }
    return event;
  }
}
