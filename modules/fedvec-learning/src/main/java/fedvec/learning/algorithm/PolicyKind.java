package fedvec.learning.algorithm;

/** What runs inside a vehicle: a learner, an actor trained elsewhere, or a fixed baseline rule. */
public enum PolicyKind {
  DDPG,
  CENTRAL_ACTOR,
  LOCAL_ONLY,
  NEAREST_RSU,
  RANDOM
}
