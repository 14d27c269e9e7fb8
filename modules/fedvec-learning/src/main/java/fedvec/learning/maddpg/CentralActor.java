package fedvec.learning.maddpg;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import fedvec.learning.ddpg.ExplorationSettings;
import fedvec.learning.ddpg.HybridHead;
import fedvec.learning.network.Mlp;
import fedvec.learning.parameters.ParameterVector;
import fedvec.learning.policy.Loadable;
import fedvec.model.offload.OffloadAction;
import java.util.SplittableRandom;

/**
 * A vehicle's policy under centralized MADDPG: it executes its own actor (with the same exploration
 * as a DDPG vehicle) and trains nothing; the base station trains the actor and sends it back.
 */
public final class CentralActor implements Loadable {
  private final ExplorationSettings exploration;
  private final SplittableRandom random;
  private final NDManager manager;
  private final ParameterStore store;
  private final Mlp actor;

  /**
   * @param sizes the actor's layer sizes
   * @param initial the actor's starting parameters
   * @param random the vehicle's exploration stream
   */
  public CentralActor(
      int[] sizes, float[] initial, ExplorationSettings exploration, SplittableRandom random) {
    this.exploration = exploration;
    this.random = random;
    this.manager = NDManager.newBaseManager("PyTorch");
    this.store = new ParameterStore(manager, false);
    this.actor = new Mlp("actor", sizes, manager, initial);
    actor.setTrainable(false);
  }

  @Override
  public OffloadAction act(float[] observation, int episode, boolean explore) {
    return HybridHead.choose(
        actor.infer(manager, store, observation), episode, explore, exploration, random);
  }

  /** Replaces the actor with the one the base station trained for this vehicle. */
  @Override
  public void load(ParameterVector parameters) {
    if (parameters.size() != actor.size()) {
      throw new IllegalArgumentException(
          "actor has " + parameters.size() + " parameters, this vehicle's " + actor.size());
    }
    actor.load(parameters.toArray(), 0);
  }

  @Override
  public void close() {
    manager.close();
  }
}
