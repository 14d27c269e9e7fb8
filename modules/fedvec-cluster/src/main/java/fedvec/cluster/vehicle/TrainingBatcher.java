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
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * One per node: the training steps of the node's vehicles, computed together in batched passes
 * ({@link DdpgAgent#updateTogether}: stacked weights, batched matrix products). Each vehicle still
 * owns its learner (parameters, optimizer state, buffer, random streams) and asks for its step with
 * {@link #train}; its result does not depend on who else is in its pass, so batching changes no
 * metric.
 *
 * <p>A vehicle's request joins a queue and its thread goes back to the other vehicles at once;
 * while fewer than {@code fedvec.training-batcher.parallelism} passes run, a pass worker starts on
 * the pass dispatcher ({@code fedvec.training-pass-dispatcher}) and runs passes of every request
 * waiting (at most {@code max-agents-per-pass}) until none waits. A lone vehicle thus steps at
 * once, and the requests that arrive while a pass runs fill the next one, so passes grow with the
 * load, with no wait for stragglers. (A first version ran the passes on the asking vehicle's own
 * thread: with as many vehicles as threads busy, no other vehicle could even ask, and every pass
 * held one agent.)
 */
public final class TrainingBatcher implements Extension {

  /** Where a node's batcher is found. */
  public static final class Id extends ExtensionId<TrainingBatcher> {
    @Override
    public TrainingBatcher createExtension(ActorSystem<?> system) {
      var settings = TrainingBatcherSettings.read(system.settings().config());
      Executor passes = system.dispatchers().lookup(DispatcherSelector.fromConfig(DISPATCHER));
      return new TrainingBatcher(settings.maxAgentsPerPass(), settings.parallelism(), passes);
    }
  }

  /** Where the passes run: not the vehicles' dispatcher, which must stay free to take requests. */
  public static final String DISPATCHER = "fedvec.training-pass-dispatcher";

  private static final Id ID = new Id();

  /** This node's batcher. */
  public static TrainingBatcher of(ActorSystem<?> system) {
    return ID.apply(system);
  }

  private record Request(DdpgAgent agent, CompletableFuture<Void> done) {}

  private final int maxPerPass;
  private final int parallelism;
  private final Executor passes;
  private final ArrayDeque<Request> waiting = new ArrayDeque<>();
  private final Map<DdpgAgent, Boolean> inFlight = new IdentityHashMap<>(); // true: close after
  private int leaders;
  private long passCount;
  private long requestCount;

  /**
   * A batcher of its own (the node's is {@link #of}) whose pass workers run on {@code passes}; the
   * bench drives one directly.
   */
  public TrainingBatcher(int maxPerPass, int parallelism, Executor passes) {
    if (maxPerPass < 1 || parallelism < 1) {
      throw new IllegalArgumentException(
          "a batcher needs max-agents-per-pass >= 1 and parallelism >= 1, got "
              + maxPerPass
              + " and "
              + parallelism);
    }
    this.maxPerPass = maxPerPass;
    this.parallelism = parallelism;
    this.passes = passes;
  }

  /**
   * One step for {@code agent} (none if its buffer is short), completed on a pass worker's thread
   * when its pass is done.
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
      passes.execute(this::lead);
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

  /** Passes run so far. */
  public synchronized long passes() {
    return passCount;
  }

  /** Requests served so far (over {@link #passes}: the mean pass size). */
  public synchronized long requests() {
    return requestCount;
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
        passCount++;
        requestCount += pass.size();
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
