package fedvec.learning.policy;

import fedvec.learning.parameters.ParameterLayout;
import fedvec.learning.parameters.ParameterVector;
import fedvec.learning.replay.Transition;

/** A policy that learns from its own transitions and takes part in federated aggregation. */
public interface Learner extends Loadable {

  /** Stores one transition (s, a, r, s', d) in the local replay buffer B_i. */
  void observe(Transition transition);

  /** Runs one training step if the buffer holds enough samples; returns whether it did. */
  boolean update();

  /** The online actor and critic as one flat vector (what is uploaded for aggregation). */
  ParameterVector parameters(long version);

  /** Replaces the online actor and critic with {@code global}; the targets keep soft-tracking. */
  @Override
  void load(ParameterVector global);

  ParameterLayout layout();
}
