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
import fedvec.learning.parameters.ParameterVector;
import fedvec.learning.replay.Batch;
import java.util.Arrays;

/**
 * The DDPG step of {@link DdpgStep} written the textbook way, as fedvec did before the batched
 * step: DJL blocks, autograd through the libtorch tape, DJL's Adam per tensor. The oracle the
 * hand-written backward pass is checked against.
 */
final class AutogradReference implements AutoCloseable {
  private final DdpgSettings settings;
  private final DdpgShape shape;
  private final NDManager manager = NDManager.newBaseManager("PyTorch");
  private final ParameterStore store = new ParameterStore(manager, false);
  private final Mlp actor;
  private final Mlp critic;
  private final Mlp actorTarget;
  private final Mlp criticTarget;
  private final NetworkOptimizer actorOptimizer;
  private final NetworkOptimizer criticOptimizer;

  AutogradReference(DdpgSettings settings, DdpgShape shape, ParameterVector initial) {
    this.settings = settings;
    this.shape = shape;
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
  }

  void update(Batch batch) {
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
        targets = rewards.add(nextQ.mul(dones.neg().add(1f)).mul((float) settings.discount()));
      }
      try (GradMode recording = GradMode.recording()) {
        NDArray q = critic.forward(store, states.concat(actions, 1), true);
        GradMode.backward(q.sub(targets).square().mean());
      }
      criticOptimizer.step();
      NDArray bestTargets = greedyTargets(states);
      try (GradMode recording = GradMode.recording()) {
        NDArray raw = actor.forward(store, states, true);
        NDArray ratios = HybridHead.ratios(raw);
        NDArray q = critic.forward(store, states.concat(bestTargets, 1).concat(ratios, 1), true);
        NDArray crossEntropy = HybridHead.imitation(raw, bestTargets);
        GradMode.backward(q.mean().neg().sub(crossEntropy.mean()));
      }
      actorOptimizer.step();
      critic.zeroGradients();
    }
    actorTarget.softUpdateFrom(actor, (float) settings.targetUpdateRate());
    criticTarget.softUpdateFrom(critic, (float) settings.targetUpdateRate());
  }

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

  /** Online actor and critic, then their targets: the first two rows of a DdpgAgent's state. */
  float[] onlineThenTargets() {
    int p = shape.parameterCount();
    float[] out = new float[2 * p];
    critic.export(out, actor.export(out, 0));
    criticTarget.export(out, actorTarget.export(out, p));
    return out;
  }

  @Override
  public void close() {
    manager.close();
  }
}
