package fedvec.learning.ddpg;

import fedvec.learning.network.Mlp;
import fedvec.learning.parameters.ParameterVector;
import fedvec.model.random.SeedStreams;

/**
 * The sizes of a DDPG actor (observation -> hidden -> 3 target logits + 2 ratio pre-activations)
 * and its critic (observation + action -> hidden -> Q). ASSUME local critic: each vehicle's critic
 * sees its own observation and action, which is what lets federated averaging combine critics of
 * equal shape.
 */
public record DdpgShape(int observationSize, int actionSize, int[] hiddenUnits) {

  public int[] actorSizes() {
    return layers(observationSize, actionSize);
  }

  public int[] criticSizes() {
    return layers(observationSize + actionSize, 1);
  }

  /**
   * The common starting model (actor then critic) of every vehicle and of the base station, drawn
   * from (seed, "actor-init") and (seed, "critic-init") so it needs no messages to agree on.
   */
  public ParameterVector initialParameters(long seed) {
    float[] actor = Mlp.initialValues(actorSizes(), SeedStreams.stream(seed, "actor-init"));
    float[] critic = Mlp.initialValues(criticSizes(), SeedStreams.stream(seed, "critic-init"));
    float[] both = new float[actor.length + critic.length];
    System.arraycopy(actor, 0, both, 0, actor.length);
    System.arraycopy(critic, 0, both, actor.length, critic.length);
    return new ParameterVector(0, both);
  }

  public int actorParameterCount() {
    return count(actorSizes());
  }

  /** Floats in one model: actor then critic. */
  public int parameterCount() {
    return count(actorSizes()) + count(criticSizes());
  }

  private static int count(int[] sizes) {
    int total = 0;
    for (int layer = 1; layer < sizes.length; layer++) {
      total += sizes[layer] * sizes[layer - 1] + sizes[layer];
    }
    return total;
  }

  private int[] layers(int input, int output) {
    int[] sizes = new int[hiddenUnits.length + 2];
    sizes[0] = input;
    System.arraycopy(hiddenUnits, 0, sizes, 1, hiddenUnits.length);
    sizes[sizes.length - 1] = output;
    return sizes;
  }
}
