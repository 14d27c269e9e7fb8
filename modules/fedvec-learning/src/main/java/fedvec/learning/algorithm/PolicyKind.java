package fedvec.learning.algorithm;

/** What runs inside a vehicle: a learner, or a fixed baseline rule. */
public enum PolicyKind {
  DDPG,
  LOCAL_ONLY,
  NEAREST_RSU,
  RANDOM
}
