package fedvec.learning.algorithm;

import fedvec.learning.aggregation.AggregationStrategy;
import fedvec.learning.aggregation.FedAvg;
import fedvec.learning.aggregation.SoftGlobalUpdate;
import fedvec.learning.aggregation.SoftmaxPerformance;
import fedvec.learning.aggregation.TrimmedMean;
import fedvec.learning.ddpg.DdpgAgent;
import fedvec.learning.ddpg.DdpgSettings;
import fedvec.learning.ddpg.DdpgShape;
import fedvec.learning.ddpg.ExplorationSettings;
import fedvec.learning.maddpg.CentralActor;
import fedvec.learning.maddpg.MaddpgTrainer;
import fedvec.learning.parameters.ParameterVector;
import fedvec.learning.policy.FixedPolicy;
import fedvec.learning.policy.Policy;
import fedvec.learning.policy.RandomPolicy;
import fedvec.model.offload.OffloadTarget;
import fedvec.model.random.SeedStreams;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * An algorithm is who learns and how models are aggregated; the scenario and the actors stay the
 * same. New algorithms are new constants here (and, when they move the learner, a new host actor).
 */
public enum Algorithm {
  /**
   * Paper 000: DDPG vehicles, softmax-performance at the RSU (16, 22, 23), soft update at the BS
   * (24, 25).
   */
  HAFMADDPG("hafmaddpg", PolicyKind.DDPG, true),
  /** Paper 000's baseline: the same hierarchy with plain FedAvg at both tiers. */
  FEDAVG_MADDPG("fedavg-maddpg", PolicyKind.DDPG, true),
  /**
   * A robust baseline for the robustness comparison (issue 4): the same hierarchy with a
   * coordinate-wise trimmed mean at the RSU and FedAvg at the BS.
   */
  TRIMMED_MADDPG("trimmed-maddpg", PolicyKind.DDPG, true),
  /**
   * Paper 000's centralized baseline: vehicles execute their actors and send their experiences up
   * through the RSUs; the base station trains every actor with a centralized critic ({@link
   * MaddpgTrainer}) and sends the actors back. No federated aggregation.
   */
  MADDPG("maddpg", PolicyKind.CENTRAL_ACTOR, false),
  /** Every task on the vehicle's own CPU, full ratio. */
  LOCAL_ONLY("local-only", PolicyKind.LOCAL_ONLY, false),
  /** Every task to the serving RSU, full ratios. */
  NEAREST_RSU("nearest-rsu", PolicyKind.NEAREST_RSU, false),
  /** Uniform random target and ratios. */
  RANDOM("random", PolicyKind.RANDOM, false);

  private final String id;
  private final PolicyKind policy;
  private final boolean federated;

  Algorithm(String id, PolicyKind policy, boolean federated) {
    this.id = id;
    this.policy = policy;
    this.federated = federated;
  }

  public static Optional<Algorithm> byId(String id) {
    return Arrays.stream(values()).filter(a -> a.id.equals(id)).findFirst();
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(Algorithm::id).toList();
  }

  public String id() {
    return id;
  }

  public PolicyKind policy() {
    return policy;
  }

  /** Whether vehicles train and the hierarchy aggregates their models after each episode. */
  public boolean federated() {
    return federated;
  }

  /** Whether the base station trains the vehicles' actors from their experiences. */
  public boolean centralized() {
    return policy == PolicyKind.CENTRAL_ACTOR;
  }

  /** Whether a round (federated or central training) runs at the end of each episode. */
  public boolean hasRounds() {
    return federated || centralized();
  }

  /**
   * The policy of {@code vehicle}, with its own random streams (seed, purpose, vehicle). Learners
   * start from {@code initial}: the common initial model {@link DdpgShape#initialParameters}, or
   * the global model a resumed run starts from.
   *
   * @param generation 0 for a vehicle that starts with the run; the first episode of a vehicle that
   *     starts later (a resumed run), so its streams are its own and yet follow from the seed
   */
  public Policy newPolicy(
      DdpgSettings learning,
      ExplorationSettings exploration,
      DdpgShape shape,
      ParameterVector initial,
      long seed,
      int vehicle,
      int generation) {
    return switch (policy) {
      case DDPG ->
          new DdpgAgent(
              learning,
              exploration,
              shape,
              initial,
              stream(seed, "exploration", vehicle, generation),
              stream(seed, "replay", vehicle, generation));
      case CENTRAL_ACTOR ->
          new CentralActor(
              shape.actorSizes(),
              Arrays.copyOf(initial.toArray(), shape.actorParameterCount()),
              exploration,
              stream(seed, "exploration", vehicle, generation));
      case LOCAL_ONLY -> new FixedPolicy(OffloadTarget.LOCAL);
      case NEAREST_RSU -> new FixedPolicy(OffloadTarget.RSU);
      case RANDOM -> new RandomPolicy(stream(seed, "random-policy", vehicle, generation));
    };
  }

  private static SplittableRandom stream(long seed, String purpose, int vehicle, int generation) {
    return generation == 0
        ? SeedStreams.stream(seed, purpose, vehicle)
        : SeedStreams.stream(seed, purpose, vehicle, generation);
  }

  /** The RSU tier's strategy. */
  public AggregationStrategy rsuStrategy(AggregationSettings settings) {
    return switch (this) {
      case HAFMADDPG ->
          new SoftmaxPerformance(settings.temperature(), settings.standardizePerformance());
      case TRIMMED_MADDPG -> new TrimmedMean(settings.trim());
      default -> new FedAvg();
    };
  }

  /** The base station tier's strategy. */
  public AggregationStrategy baseStationStrategy(AggregationSettings settings) {
    return this == HAFMADDPG
        ? new SoftGlobalUpdate(
            new SoftmaxPerformance(settings.temperature(), settings.standardizePerformance()),
            settings.globalRate())
        : new FedAvg();
  }
}
