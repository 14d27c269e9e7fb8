package fedvec.learning.maddpg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import fedvec.learning.ddpg.DdpgSettings;
import fedvec.learning.ddpg.DdpgShape;
import fedvec.learning.ddpg.HybridHead;
import fedvec.learning.maddpg.JointReplay.JointSlot;
import fedvec.learning.network.GradMode;
import fedvec.learning.network.Mlp;
import fedvec.learning.network.NetworkOptimizer;
import fedvec.learning.parameters.ParameterVector;
import fedvec.model.random.SeedStreams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Paper 000's centralized MADDPG baseline (Lowe et al., 2017), hosted by the base station: one
 * actor per vehicle and a centralized critic Q(o_i, a_i, o_-i, a_-i) that sees every vehicle's
 * observation and action of the slot, trained from the vehicles' experiences (no federated
 * aggregation). ASSUME central critic: one critic shared by all vehicles (their own observation and
 * action in front, everybody else's behind, their own block zeroed there); the actors stay
 * separate. The update mirrors a DDPG vehicle's (eqs. 17-21 with the joint input, the same
 * hybrid-head imitation term); a batch is {@code batch-size} joint slots, and every vehicle that
 * acted in them contributes a row.
 *
 * <p>All native memory lives in one NDManager that {@link #close} releases.
 */
public final class MaddpgTrainer implements AutoCloseable {
  private final DdpgSettings settings;
  private final int agents;
  private final int stateSize;
  private final int actionSize;
  private final int othersWidth; // everybody's observations, then everybody's actions
  private final int width; // the critic's input: own observation and action, then the others'
  private final NDManager manager;
  private final ParameterStore store;
  private final List<Mlp> actors = new ArrayList<>();
  private final List<Mlp> actorTargets = new ArrayList<>();
  private final List<NetworkOptimizer> actorOptimizers = new ArrayList<>();
  private final Mlp critic;
  private final Mlp criticTarget;
  private final NetworkOptimizer criticOptimizer;
  private final JointReplay replay;
  private final SplittableRandom random;

  /**
   * @param initialActor every vehicle's starting actor (the actor part of the common initial model)
   */
  public MaddpgTrainer(
      DdpgSettings settings, DdpgShape shape, int agents, float[] initialActor, long seed) {
    this.settings = settings;
    this.agents = agents;
    this.stateSize = shape.observationSize();
    this.actionSize = shape.actionSize();
    this.othersWidth = (stateSize + actionSize) * agents;
    this.width = stateSize + actionSize + othersWidth;
    this.manager = NDManager.newBaseManager("PyTorch");
    this.store = new ParameterStore(manager, false);
    for (int i = 0; i < agents; i++) {
      Mlp actor = new Mlp("actor-" + i, shape.actorSizes(), manager, initialActor);
      Mlp target = new Mlp("actor-target-" + i, shape.actorSizes(), manager, initialActor);
      target.setTrainable(false);
      actors.add(actor);
      actorTargets.add(target);
      actorOptimizers.add(
          new NetworkOptimizer(actor, "actor-" + i, (float) settings.actorLearningRate()));
    }
    int[] criticSizes = criticSizes(shape.hiddenUnits());
    float[] criticInit =
        Mlp.initialValues(criticSizes, SeedStreams.stream(seed, "maddpg-critic-init"));
    critic = new Mlp("critic", criticSizes, manager, criticInit);
    criticTarget = new Mlp("critic-target", criticSizes, manager, criticInit);
    criticTarget.setTrainable(false);
    criticOptimizer = new NetworkOptimizer(critic, "critic", (float) settings.criticLearningRate());
    replay = new JointReplay(agents, stateSize, actionSize, settings.replayCapacity());
    random = SeedStreams.stream(seed, "maddpg-replay");
  }

  /** Stores one episode of experiences (see {@link JointReplay#addEpisode}). */
  public void addEpisode(int slotCount, List<Experience> experiences) {
    replay.addEpisode(slotCount, experiences);
  }

  /** Runs {@code updates} training steps; returns how many ran (none before a batch is stored). */
  public int train(int updates) {
    int done = 0;
    for (int u = 0; u < updates && replay.size() >= settings.batchSize(); u++) {
      update(replay.sample(settings.batchSize(), random));
      done++;
    }
    return done;
  }

  /** Vehicle {@code agent}'s actor. */
  public ParameterVector actor(int agent, long version) {
    Mlp actor = actors.get(agent);
    float[] values = new float[actor.size()];
    actor.export(values, 0);
    return new ParameterVector(version, values);
  }

  public int agents() {
    return agents;
  }

  /** Rows of one update: every (slot, vehicle) in which the vehicle acted, grouped by vehicle. */
  private record Rows(
      int count,
      int[] slotOf,
      int[] agentOf,
      int[] perAgent,
      float[] ownStates,
      float[] ownActions,
      float[] others,
      float[] rewards,
      float[] notDone) {}

  private void update(List<JointSlot> batch) {
    Rows rows = rows(batch);
    try (NDManager scope = manager.newSubManager()) {
      int n = rows.count;
      NDArray ownStates = scope.create(rows.ownStates, new Shape(n, stateSize));
      NDArray ownActions = scope.create(rows.ownActions, new Shape(n, actionSize));
      NDArray others = scope.create(rows.others, new Shape(n, othersWidth));
      NDArray targets = targets(scope, batch, rows);

      try (GradMode recording = GradMode.recording()) {
        NDArray q =
            critic.forward(
                store, NDArrays.concat(new NDList(ownStates, ownActions, others), 1), true);
        GradMode.backward(q.sub(targets).square().mean()); // eq. (17), joint input
      }
      criticOptimizer.step();

      float[] weights = new float[n]; // each vehicle's loss is the mean over its own rows
      for (int r = 0; r < n; r++) {
        weights[r] = 1f / rows.perAgent[rows.agentOf[r]];
      }
      NDArray rowWeights = scope.create(weights, new Shape(n, 1));
      NDArray best = greedyTargets(scope, ownStates, others, rows);
      try (GradMode recording = GradMode.recording()) {
        NDArray raw = actorOutputs(scope, ownStates, rows, true);
        NDArray ratios = HybridHead.ratios(raw);
        NDArray q =
            critic.forward(
                store, NDArrays.concat(new NDList(ownStates, best, ratios, others), 1), true);
        NDArray imitation = HybridHead.imitation(raw, best).reshape(n, 1);
        // eq. (19) per vehicle, with the hybrid-update imitation term of DdpgAgent
        GradMode.backward(q.add(imitation).mul(rowWeights).sum().neg());
      }
      for (int i = 0; i < agents; i++) {
        if (rows.perAgent[i] > 0) {
          actorOptimizers.get(i).step();
        }
      }
      critic.zeroGradients(); // the actors' loss also reached the critic's parameters
    }
    for (int i = 0; i < agents; i++) {
      actorTargets.get(i).softUpdateFrom(actors.get(i), (float) settings.targetUpdateRate());
    }
    criticTarget.softUpdateFrom(critic, (float) settings.targetUpdateRate());
  }

  /** y = r + gamma (1 - d) Q'(o'_i, pi'_i(o'_i), o'_-i, pi'_-i(o'_-i)): eq. (18), joint. */
  private NDArray targets(NDManager scope, List<JointSlot> batch, Rows rows) {
    int b = batch.size();
    // next joint action of every slot of the batch, from the target actors (zero for a vehicle
    // without a task in the next slot, as in the buffer); a last slot looks at itself (done)
    float[][] nextActions = new float[b][];
    float[][] nextStates = new float[b][];
    for (int s = 0; s < b; s++) {
      JointSlot slot = batch.get(s);
      nextStates[s] = slot.done() ? slot.observations() : slot.next().observations();
      nextActions[s] = new float[agents * actionSize];
    }
    float[][] ownNextActions = new float[b][agents * actionSize];
    try (GradMode off = GradMode.off()) {
      for (int j = 0; j < agents; j++) {
        float[] states = new float[b * stateSize];
        for (int s = 0; s < b; s++) {
          System.arraycopy(nextStates[s], j * stateSize, states, s * stateSize, stateSize);
        }
        float[] actions =
            HybridHead.critic(
                    actorTargets
                        .get(j)
                        .forward(store, scope.create(states, new Shape(b, stateSize)), false))
                .toFloatArray();
        for (int s = 0; s < b; s++) {
          JointSlot slot = batch.get(s);
          boolean actsNext = !slot.done() && slot.next().acted()[j];
          System.arraycopy(actions, s * actionSize, ownNextActions[s], j * actionSize, actionSize);
          if (actsNext) {
            System.arraycopy(actions, s * actionSize, nextActions[s], j * actionSize, actionSize);
          }
        }
      }
      int n = rows.count;
      float[] input = new float[n * width];
      for (int r = 0; r < n; r++) {
        int s = rows.slotOf[r];
        int i = rows.agentOf[r];
        fill(input, r, i, nextStates[s], ownNextActions[s], nextActions[s]);
      }
      NDArray nextQ = criticTarget.forward(store, scope.create(input, new Shape(n, width)), false);
      NDArray rewards = scope.create(rows.rewards, new Shape(n, 1));
      NDArray notDone = scope.create(rows.notDone, new Shape(n, 1));
      return rewards.add(nextQ.mul(notDone).mul((float) settings.discount()));
    }
  }

  /** Each row's actor output, from that row's vehicle's actor (rows are grouped by vehicle). */
  private NDArray actorOutputs(NDManager scope, NDArray ownStates, Rows rows, boolean training) {
    NDList parts = new NDList();
    int from = 0;
    for (int i = 0; i < agents; i++) {
      int count = rows.perAgent[i];
      if (count > 0) {
        NDArray states = ownStates.get(from + ":" + (from + count));
        parts.add(actors.get(i).forward(store, states, training));
        from += count;
      }
    }
    return NDArrays.concat(parts, 0);
  }

  /** The one-hot target with the highest joint Q at the current actors' ratios (ASSUME hybrid). */
  private NDArray greedyTargets(NDManager scope, NDArray ownStates, NDArray others, Rows rows) {
    try (GradMode off = GradMode.off()) {
      NDArray ratios = HybridHead.ratios(actorOutputs(scope, ownStates, rows, false));
      long n = rows.count;
      NDList values = new NDList();
      for (int k = 0; k < 3; k++) {
        NDArray target = scope.full(new Shape(n), k).oneHot(3);
        values.add(
            critic.forward(
                store, NDArrays.concat(new NDList(ownStates, target, ratios, others), 1), false));
      }
      return NDArrays.concat(values, 1).argMax(1).oneHot(3);
    }
  }

  private Rows rows(List<JointSlot> batch) {
    int b = batch.size();
    int[] perAgent = new int[agents];
    int count = 0;
    for (JointSlot slot : batch) {
      for (int i = 0; i < agents; i++) {
        if (slot.acted()[i]) {
          perAgent[i]++;
          count++;
        }
      }
    }
    int[] slotOf = new int[count];
    int[] agentOf = new int[count];
    float[] ownStates = new float[count * stateSize];
    float[] ownActions = new float[count * actionSize];
    float[] others = new float[count * othersWidth];
    float[] rewards = new float[count];
    float[] notDone = new float[count];
    float[] row = new float[width];
    int r = 0;
    for (int i = 0; i < agents; i++) {
      for (int s = 0; s < b; s++) {
        JointSlot slot = batch.get(s);
        if (!slot.acted()[i]) {
          continue;
        }
        slotOf[r] = s;
        agentOf[r] = i;
        fill(row, 0, i, slot.observations(), slot.actions(), slot.actions());
        System.arraycopy(row, 0, ownStates, r * stateSize, stateSize);
        System.arraycopy(row, stateSize, ownActions, r * actionSize, actionSize);
        System.arraycopy(row, stateSize + actionSize, others, r * othersWidth, othersWidth);
        rewards[r] = slot.rewards()[i];
        notDone[r] = slot.done() ? 0f : 1f;
        r++;
      }
    }
    return new Rows(
        count, slotOf, agentOf, perAgent, ownStates, ownActions, others, rewards, notDone);
  }

  /**
   * Row {@code r} of a critic input for vehicle {@code i}: its observation and {@code ownActions}'
   * block i, then every vehicle's observation and {@code jointActions}' block, with block i zeroed.
   */
  private void fill(
      float[] input, int r, int i, float[] states, float[] ownActions, float[] jointActions) {
    int at = r * width;
    System.arraycopy(states, i * stateSize, input, at, stateSize);
    System.arraycopy(ownActions, i * actionSize, input, at + stateSize, actionSize);
    int statesAt = at + stateSize + actionSize;
    int actionsAt = statesAt + agents * stateSize;
    System.arraycopy(states, 0, input, statesAt, agents * stateSize);
    System.arraycopy(jointActions, 0, input, actionsAt, agents * actionSize);
    Arrays.fill(input, statesAt + i * stateSize, statesAt + (i + 1) * stateSize, 0f);
    Arrays.fill(input, actionsAt + i * actionSize, actionsAt + (i + 1) * actionSize, 0f);
  }

  private int[] criticSizes(int[] hidden) {
    int[] sizes = new int[hidden.length + 2];
    sizes[0] = width;
    System.arraycopy(hidden, 0, sizes, 1, hidden.length);
    sizes[sizes.length - 1] = 1;
    return sizes;
  }

  @Override
  public void close() {
    manager.close();
  }
}
