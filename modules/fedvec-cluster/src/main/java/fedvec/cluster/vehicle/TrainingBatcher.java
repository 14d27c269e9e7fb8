package fedvec.cluster.vehicle;

import fedvec.cluster.settings.TrainingBatcherSettings;
import fedvec.learning.ddpg.DdpgAgent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * One per node: the training steps of the node's vehicles, computed together in batched passes
 * ({@link DdpgAgent#updateTogether}: stacked weights, batched matrix products). Each vehicle still
 * owns its learner (parameters, optimizer state, buffer, random streams) and asks for its step with
 * {@link #train}; its result does not depend on who else is in its pass, so batching changes no
 * metric.
 *
 * <p>Combining, not a separate actor: a vehicle that asks while fewer than {@code
 * fedvec.training-batcher.parallelism} passes run becomes a leader and runs, on its own thread of
 * the training dispatcher, passes of every request waiting (at most {@code max-agents-per-pass})
 * until none waits; a vehicle that asks while all leaders are busy leaves its request for them. A
 * lone vehicle thus steps at once, as if alone, and the vehicles of a busy node fill passes that
 * grow with the load, with no message hop and no wait for stragglers.
 */
public final class TrainingBatcher implements Extension {

  /** Where a node's batcher is found. */
  public static final class Id extends ExtensionId<TrainingBatcher> {
    @Override
    public TrainingBatcher createExtension(ActorSystem<?> system) {
      var settings = TrainingBatcherSettings.read(system.settings().config());
      return new TrainingBatcher(settings.maxAgentsPerPass(), settings.parallelism());
    }
  }

  private static final Id ID = new Id();

  /** This node's batcher. */
  public static TrainingBatcher of(ActorSystem<?> system) {
    return ID.apply(system);
  }

  private record Request(DdpgAgent agent, CompletableFuture<Void> done) {}

  private final int maxPerPass;
  private final int parallelism;
  private final ArrayDeque<Request> waiting = new ArrayDeque<>();
  private final Map<DdpgAgent, Boolean> inFlight = new IdentityHashMap<>(); // true: close after
  private int leaders;

  /** A batcher of its own (the node's is {@link #of}); the bench drives one directly. */
  public TrainingBatcher(int maxPerPass, int parallelism) {
    if (maxPerPass < 1 || parallelism < 1) {
      throw new IllegalArgumentException(
          "a batcher needs max-agents-per-pass >= 1 and parallelism >= 1, got "
              + maxPerPass
              + " and "
              + parallelism);
    }
    this.maxPerPass = maxPerPass;
    this.parallelism = parallelism;
  }

  /**
   * One step for {@code agent} (none if its buffer is short), completed when its pass is done; the
   * caller's thread may run passes (its own and others') before this returns.
   */
  public CompletionStage<Void> train(DdpgAgent agent) {
    Request request = new Request(agent, new CompletableFuture<>());
    boolean lead;
    synchronized (this) {
      waiting.add(request);
      lead = leaders < parallelism;
      if (lead) {
        leaders++;
      }
    }
    if (lead) {
      lead();
    }
    return request.done();
  }

  /**
   * The vehicle that owns {@code agent} stopped: close the learner now, or after its pass if one is
   * computing it.
   */
  public void release(DdpgAgent agent) {
    synchronized (this) {
      if (inFlight.containsKey(agent)) {
        inFlight.put(agent, true);
        return;
      }
      waiting.removeIf(request -> request.agent() == agent);
    }
    agent.close();
  }

  private void lead() {
    while (true) {
      List<Request> pass = new ArrayList<>();
      synchronized (this) {
        while (pass.size() < maxPerPass && !waiting.isEmpty()) {
          Request request = waiting.poll();
          inFlight.put(request.agent(), false);
          pass.add(request);
        }
        if (pass.isEmpty()) {
          leaders--;
          return;
        }
      }
      RuntimeException failure = null;
      try {
        DdpgAgent.updateTogether(pass.stream().map(Request::agent).toList());
      } catch (RuntimeException e) {
        failure = e;
      }
      List<DdpgAgent> released = new ArrayList<>();
      synchronized (this) {
        for (Request request : pass) {
          if (inFlight.remove(request.agent())) {
            released.add(request.agent());
          }
        }
      }
      released.forEach(DdpgAgent::close);
      for (Request request : pass) {
        if (failure == null) {
          request.done().complete(null);
        } else {
          request.done().completeExceptionally(failure);
        }
      }
    }
  }
}
