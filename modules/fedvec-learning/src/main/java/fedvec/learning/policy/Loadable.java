package fedvec.learning.policy;

import fedvec.learning.parameters.ParameterVector;

/**
 * A policy whose networks can be replaced by parameters that come down the hierarchy: the global
 * model of a federated round, or a vehicle's actor trained centrally at the base station.
 */
public interface Loadable extends Policy {

  /** Replaces the policy's online networks with {@code parameters}. */
  void load(ParameterVector parameters);
}
