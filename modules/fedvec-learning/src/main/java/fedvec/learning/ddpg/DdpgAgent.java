package fedvec.learning.ddpg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.IValue;
import fedvec.learning.network.Devices;
import fedvec.learning.network.GradMode;
import fedvec.learning.network.Mlp;
import fedvec.learning.parameters.ParameterLayout;
import fedvec.learning.parameters.ParameterVector;
import fedvec.learning.policy.Learner;
import fedvec.learning.replay.ReplayBuffer;
import fedvec.learning.replay.Transition;
import fedvec.model.offload.OffloadAction;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One vehicle's DDPG learner with the hybrid action of paper 000 (eq. 14): its actor, critic, their
 * targets, Adam's moments, the replay buffer B_i and two random streams of its own (exploration,
 * replay sampling). The actor's three target logits pass through a softmax and its two ratios
 * through a sigmoid (ASSUME hybrid head); training differentiates through the softmax, execution
 * takes the argmax.
 *
 * <p>Everything the networks are lives in one native tensor {@code [4, P]}: online parameters
 * (actor then critic, the {@link ParameterVector} order), targets, Adam's first and second moments.
 * {@link #update} trains this agent alone; {@link #updateTogether} trains several agents in one
 * batched pass ({@link DdpgStep}), each from its own buffer and stream, each agent's result the
 * same as alone.
 *
 * <p>All native memory lives in one NDManager that {@link #close} releases; the owner must call it.
 */
public final class DdpgAgent implements Learner {
  static final int ONLINE = 0;
  static final int TARGET = 1;
  static final int MEAN = 2;
  static final int VARIANCE = 3;

  private final DdpgSettings settings;
  private final ExplorationSettings exploration;
  private final DdpgShape shape;
  private final NDManager manager;
  private final ReplayBuffer replay;
  private final SplittableRandom explorationRandom;
  private final SplittableRandom replayRandom;
  private final NDArray state; // [4, P]: online, target, Adam mean, Adam variance
  private final NDArray stepConstants; // DdpgStep.constants of the settings
  private final TorchScriptStep module; // the step, and acting, for this agent's shape
  private int steps; // Adam's t: updates made so far
  private IValue actorLayers; // views of the online actor in state, for acting; built once

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
    requireShape(initial, shape, "initial model");
    this.settings = settings;
    this.exploration = exploration;
    this.shape = shape;
    this.explorationRandom = explorationRandom;
    this.replayRandom = replayRandom;
    this.manager = NDManager.newBaseManager(Devices.training());
    int p = shape.parameterCount();
    float[] values = new float[4 * p];
    float[] online = initial.toArray();
    System.arraycopy(online, 0, values, ONLINE * p, p);
    System.arraycopy(online, 0, values, TARGET * p, p);
    this.state = manager.create(values, new Shape(4, p));
    this.stepConstants = manager.create(DdpgStep.constants(settings));
    this.module = TorchScriptStep.of(shape, settings.batchSize());
    replay =
        new ReplayBuffer(settings.replayCapacity(), shape.observationSize(), shape.actionSize());
  }

  @Override
  public OffloadAction act(float[] observation, int episode, boolean explore) {
    float[] raw;
    try (GradMode off = GradMode.off();
        NDManager scope = manager.newSubManager()) {
      raw =
          module.act(actorLayers(), scope.create(observation, new Shape(1, 1, observation.length)));
    }
    return HybridHead.choose(raw, episode, explore, exploration, explorationRandom);
  }

  @Override
  public void observe(Transition transition) {
    replay.add(transition);
  }

  /**
   * One step of Algorithm 1, lines 10-12 ({@link DdpgStep}), for this agent alone; false while the
   * buffer holds less than a batch.
   */
  @Override
  public boolean update() {
    if (!ready()) {
      return false;
    }
    DdpgStep.run(List.of(this));
    return true;
  }

  /**
   * One step for each agent that holds a batch, computed together in one batched pass; returns how
   * many stepped. Each agent samples from its own buffer with its own stream and keeps its own
   * parameters and optimizer state; its result is bit for bit what {@link #update} gives alone. The
   * agents must share shape and hyper-parameters.
   */
  public static int updateTogether(List<DdpgAgent> agents) {
    List<DdpgAgent> due = agents.stream().filter(DdpgAgent::ready).toList();
    if (!due.isEmpty()) {
      DdpgStep.run(due);
    }
    return due.size();
  }

  /** Whether the buffer holds a batch, so that {@link #update} would train. */
  public boolean ready() {
    return replay.size() >= settings.batchSize();
  }

  @Override
  public ParameterVector parameters(long version) {
    try (NDArray online = state.get(ONLINE)) {
      return new ParameterVector(version, online.toFloatArray());
    }
  }

  @Override
  public void load(ParameterVector global) {
    requireShape(global, shape, "global model");
    try (GradMode off = GradMode.off();
        NDManager scope = manager.newSubManager()) {
      state.set(new NDIndex(ONLINE), scope.create(global.toArray()));
    }
  }

  @Override
  public ParameterLayout layout() {
    return Mlp.layout("actor", shape.actorSizes()).then(Mlp.layout("critic", shape.criticSizes()));
  }

  @Override
  public void close() {
    if (actorLayers != null) {
      actorLayers.close();
    }
    manager.close();
  }

  private static void requireShape(ParameterVector model, DdpgShape shape, String what) {
    if (model.size() != shape.parameterCount()) {
      throw new IllegalArgumentException(
          what + " has " + model.size() + " parameters, this agent " + shape.parameterCount());
    }
  }

  DdpgSettings settings() {
    return settings;
  }

  DdpgShape shape() {
    return shape;
  }

  NDManager manager() {
    return manager;
  }

  NDArray state() {
    return state;
  }

  NDArray stepConstants() {
    return stepConstants;
  }

  TorchScriptStep module() {
    return module;
  }

  /** Adam's t for the coming step (1 for the first). */
  int nextStep() {
    return steps + 1;
  }

  /** Floats in a row of {@link #sampleRows}. */
  int rowWidth() {
    return replay.rowWidth();
  }

  /**
   * Draws this agent's mini-batch from its buffer with its replay stream into {@code out} from
   * {@code offset}, as rows (s, a, r, s', done).
   */
  void sampleRows(float[] out, int offset) {
    replay.sampleRows(settings.batchSize(), replayRandom, out, offset);
  }

  /** After a step, which changed {@link #state} in place. */
  void stepped() {
    steps++;
  }

  /** Views of the online actor in {@link #state}, built once (they follow its in-place changes). */
  private IValue actorLayers() {
    if (actorLayers == null) {
      actorLayers = module.actorLayers(state);
    }
    return actorLayers;
  }
}
