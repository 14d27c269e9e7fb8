package fedvec.learning.ddpg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import fedvec.learning.network.GradMode;
import fedvec.learning.network.Mlp;
import fedvec.learning.network.NetworkOptimizer;
import fedvec.learning.parameters.ParameterLayout;
import fedvec.learning.parameters.ParameterVector;
import fedvec.learning.policy.Learner;
import fedvec.learning.replay.Batch;
import fedvec.learning.replay.ReplayBuffer;
import fedvec.learning.replay.Transition;
import fedvec.model.offload.OffloadAction;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One vehicle's DDPG learner with the hybrid action of paper 000 (eq. 14): its actor, critic, their
 * targets, the replay buffer B_i and two random streams of its own (exploration, replay sampling).
 * The actor's three target logits pass through a softmax and its two ratios through a sigmoid
 * (ASSUME hybrid head); training differentiates through the softmax, execution takes the argmax.
 *
 * <p>All native memory lives in one NDManager that {@link #close} releases; the owner must call it.
 */
public final class DdpgAgent implements Learner {
  private final DdpgSettings settings;
  private final ExplorationSettings exploration;
  private final DdpgShape shape;
  private final NDManager manager;
  private final ParameterStore store;
  private final Mlp actor;
  private final Mlp critic;
  private final Mlp actorTarget;
  private final Mlp criticTarget;
  private final NetworkOptimizer actorOptimizer;
  private final NetworkOptimizer criticOptimizer;
  private final ReplayBuffer replay;
  private final SplittableRandom explorationRandom;
  private final SplittableRandom replayRandom;

  /**
   * A learner that starts from {@code initial} (see {@link DdpgShape#initialParameters}).
   *
   * @param explorationRandom the vehicle's exploration stream
   * @param replayRandom the vehicle's replay-sampling stream
   */
  public DdpgAgent(
      DdpgSettings settings,
      ExplorationSettings exploration,
      DdpgShape shape,
      ParameterVector initial,
      SplittableRandom explorationRandom,
      SplittableRandom replayRandom) {
    this.settings = settings;
    this.exploration = exploration;
    this.shape = shape;
    this.explorationRandom = explorationRandom;
    this.replayRandom = replayRandom;
    this.manager = NDManager.newBaseManager("PyTorch");
    this.store = new ParameterStore(manager, false);
    float[] values = initial.toArray();
    float[] actorValues = Arrays.copyOfRange(values, 0, shape.actorParameterCount());
    float[] criticValues = Arrays.copyOfRange(values, shape.actorParameterCount(), values.length);
    actor = new Mlp("actor", shape.actorSizes(), manager, actorValues);
    critic = new Mlp("critic", shape.criticSizes(), manager, criticValues);
    actorTarget = new Mlp("actor-target", shape.actorSizes(), manager, actorValues);
    criticTarget = new Mlp("critic-target", shape.criticSizes(), manager, criticValues);
    actorTarget.setTrainable(false);
    criticTarget.setTrainable(false);
    actorOptimizer = new NetworkOptimizer(actor, "actor", (float) settings.actorLearningRate());
    criticOptimizer = new NetworkOptimizer(critic, "critic", (float) settings.criticLearningRate());
    replay =
        new ReplayBuffer(settings.replayCapacity(), shape.observationSize(), shape.actionSize());
  }

  @Override
  public OffloadAction act(float[] observation, int episode, boolean explore) {
    return HybridHead.choose(
        actor.infer(manager, store, observation), episode, explore, exploration, explorationRandom);
  }

  @Override
  public void observe(Transition transition) {
    replay.add(transition);
  }

  /**
   * One step of Algorithm 1, lines 10-12: the critic by the TD error (17, 18), the actor by -Q(s,
   * pi(s)) (19), then the targets by soft update (20, 21).
   */
  @Override
  public boolean update() {
    if (replay.size() < settings.batchSize()) {
      return false;
    }
    Batch batch = replay.sample(settings.batchSize(), replayRandom);
    int n = batch.size();
    try (NDManager scope = manager.newSubManager()) {
      NDArray states = scope.create(batch.states(), new Shape(n, shape.observationSize()));
      NDArray actions = scope.create(batch.actions(), new Shape(n, shape.actionSize()));
      NDArray rewards = scope.create(batch.rewards(), new Shape(n, 1));
      NDArray nextStates = scope.create(batch.nextStates(), new Shape(n, shape.observationSize()));
      NDArray dones = scope.create(batch.dones(), new Shape(n, 1));

      NDArray targets;
      try (GradMode off = GradMode.off()) {
        NDArray nextActions = HybridHead.critic(actorTarget.forward(store, nextStates, false));
        NDArray nextQ = criticTarget.forward(store, nextStates.concat(nextActions, 1), false);
        // y = r + gamma (1 - d) Q'(s', pi'(s')): eq. (18)
        targets = rewards.add(nextQ.mul(dones.neg().add(1f)).mul((float) settings.discount()));
      }
      try (GradMode recording = GradMode.recording()) {
        NDArray q = critic.forward(store, states.concat(actions, 1), true);
        GradMode.backward(q.sub(targets).square().mean()); // eq. (17)
      }
      criticOptimizer.step();
      NDArray bestTargets = greedyTargets(states); // a^d the critic prefers
      try (GradMode recording = GradMode.recording()) {
        NDArray raw = actor.forward(store, states, true);
        NDArray ratios = HybridHead.ratios(raw);
        NDArray q = critic.forward(store, states.concat(bestTargets, 1).concat(ratios, 1), true);
        NDArray crossEntropy = HybridHead.imitation(raw, bestTargets);
        GradMode.backward(q.mean().neg().sub(crossEntropy.mean())); // eq. (19) + target imitation
      }
      actorOptimizer.step();
      critic.zeroGradients(); // the actor's loss also reached the critic's parameters
    }
    actorTarget.softUpdateFrom(actor, (float) settings.targetUpdateRate());
    criticTarget.softUpdateFrom(critic, (float) settings.targetUpdateRate());
    return true;
  }

  /**
   * The one-hot target with the highest Q(s, e_k, ratios(s)) for each state of the batch. ASSUME
   * hybrid update: the target head learns by cross-entropy towards the critic's best target, the
   * ratios by the deterministic policy gradient of eq. (19) at that target. Differentiating -Q
   * through a softmax (the alternative) stalls once the softmax saturates: measured here, a greedy
   * head that never left its first choice although the critic ranked the targets correctly.
   */
  private NDArray greedyTargets(NDArray states) {
    try (GradMode off = GradMode.off()) {
      NDArray ratios = HybridHead.ratios(actor.forward(store, states, false));
      long n = states.getShape().get(0);
      NDList values = new NDList();
      for (int k = 0; k < 3; k++) {
        NDArray target = states.getManager().full(new Shape(n), k).oneHot(3);
        values.add(critic.forward(store, states.concat(target, 1).concat(ratios, 1), false));
      }
      return NDArrays.concat(values, 1).argMax(1).oneHot(3);
    }
  }

  @Override
  public ParameterVector parameters(long version) {
    float[] values = new float[actor.size() + critic.size()];
    critic.export(values, actor.export(values, 0));
    return new ParameterVector(version, values);
  }

  @Override
  public void load(ParameterVector global) {
    int expected = actor.size() + critic.size();
    if (global.size() != expected) {
      throw new IllegalArgumentException(
          "global model has " + global.size() + " parameters, this agent " + expected);
    }
    float[] values = global.toArray();
    critic.load(values, actor.load(values, 0));
  }

  @Override
  public ParameterLayout layout() {
    return actor.layout().then(critic.layout());
  }

  @Override
  public void close() {
    manager.close();
  }
}
