package fedvec.learning.ddpg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import fedvec.learning.network.GradMode;
import fedvec.learning.replay.Batch;
import java.util.Arrays;
import java.util.List;

/**
 * One step of Algorithm 1, lines 10-12, for K agents at once: the critic by the TD error (eqs. 17,
 * 18), the actor by -Q(s, pi(s)) (19) with the ASSUME hybrid update (cross-entropy of the target
 * logits towards the critic's best target, eq. 19's gradient for the ratios), then the targets by
 * soft update (20, 21). Adam as DJL's (bias correction folded into the step size).
 *
 * <p>The agents' states are stacked into one {@code [K, 4, P]} tensor, every product is a batched
 * matrix product of K independent ones, and row k of the stacked result is copied back into agent
 * k's own state. A single agent steps in place on its own tensor, through views it keeps for its
 * life (a batched pass writes into the same tensor, so they stay valid).
 */
final class DdpgStep {
  private static final float BETA1 = 0.9f;
  private static final float BETA2 = 0.999f;
  private static final float EPSILON = 1e-8f;

  private DdpgStep() {}

  static void run(List<DdpgAgent> agents) {
    DdpgAgent first = agents.get(0);
    for (DdpgAgent agent : agents) {
      if (!sameStep(agent, first)) {
        throw new IllegalArgumentException("agents stepped together must share shape and settings");
      }
    }
    DdpgShape shape = first.shape();
    DdpgSettings settings = first.settings();
    int k = agents.size();
    int rows = settings.batchSize();
    int width = 2 * shape.observationSize() + shape.actionSize() + 2; // s, a, r, s', gamma (1 - d)
    float[] data = new float[k * rows * width];
    float[] rates = new float[2 * k]; // actor's Adam step sizes, then the critic's
    for (int i = 0; i < k; i++) {
      DdpgAgent agent = agents.get(i);
      pack(agent.sample(), (float) settings.discount(), data, i * rows * width, shape);
      rates[i] = adamRate(settings.actorLearningRate(), agent.nextStep());
      rates[k + i] = adamRate(settings.criticLearningRate(), agent.nextStep());
    }
    try (GradMode off = GradMode.off();
        NDManager scope = first.manager().newSubManager()) {
      NDArray batch = scope.create(data, new Shape(k, rows, width));
      NDList lr = scope.create(rates, new Shape(2, k, 1)).split(2, 0);
      NDArray lrActor = lr.get(0).squeeze(0);
      NDArray lrCritic = lr.get(1).squeeze(0);
      if (k == 1) { // in place, on the agent's own state
        first.views().step(batch, lrActor, lrCritic, scope);
      } else { // on a stacked copy, each agent's row copied back into its own state
        NDArray stacked = stack(agents, scope);
        new Views(stacked, shape, settings).step(batch, lrActor, lrCritic, scope);
        NDList states = stacked.split(k, 0);
        for (int i = 0; i < k; i++) {
          agents.get(i).state().set(new NDIndex().addAllDim(), states.get(i).squeeze(0));
        }
      }
    }
    agents.forEach(DdpgAgent::stepped);
  }

  private static NDArray stack(List<DdpgAgent> agents, NDManager scope) {
    NDList states = new NDList(agents.size());
    agents.forEach(agent -> states.add(agent.state()));
    NDArray stacked = NDArrays.stack(states, 0);
    stacked.attach(scope);
    return stacked;
  }

  /**
   * The networks of K stacked states {@code [K, 4, P]} as views (the online actor, critic, their
   * targets and Adam's moments), with the step's constants. Writes through them change the states.
   */
  static final class Views {
    private final DdpgShape shape;
    private final int rows;
    private final NDArray onlineAll;
    private final NDArray targetAll;
    private final NDList online; // actor, critic
    private final NDList mean;
    private final NDList variance;
    private final StackedMlp actor;
    private final StackedMlp critic;
    private final StackedMlp actorTarget;
    private final StackedMlp criticTarget;
    private final NDArray beta1;
    private final NDArray beta1Complement;
    private final NDArray beta2;
    private final NDArray beta2Complement;
    private final NDArray epsilon;
    private final NDArray oneHots; // [K, 3 rows, 3]: candidate j of every row is e_j
    private final NDArray tau;
    private final NDArray tauComplement;

    /**
     * Views of {@code stacked}, created in (and released with) its manager. A DJL op's result lives
     * in its first operand's manager, so a temporary whose first operand is one of these views or
     * constants is attached to the step's scope; else it would live as long as the views (a lone
     * agent's: its whole life).
     */
    Views(NDArray stacked, DdpgShape shape, DdpgSettings settings) {
      this.shape = shape;
      this.rows = settings.batchSize();
      NDManager manager = stacked.getManager();
      long actorSize = shape.actorParameterCount();
      NDList part = stacked.split(4, 1);
      onlineAll = part.get(DdpgAgent.ONLINE).squeeze(1);
      targetAll = part.get(DdpgAgent.TARGET).squeeze(1);
      online = onlineAll.split(new long[] {actorSize}, 1);
      NDList target = targetAll.split(new long[] {actorSize}, 1);
      mean = part.get(DdpgAgent.MEAN).squeeze(1).split(new long[] {actorSize}, 1);
      variance = part.get(DdpgAgent.VARIANCE).squeeze(1).split(new long[] {actorSize}, 1);
      actor = new StackedMlp(online.get(0), shape.actorSizes());
      critic = new StackedMlp(online.get(1), shape.criticSizes());
      actorTarget = new StackedMlp(target.get(0), shape.actorSizes());
      criticTarget = new StackedMlp(target.get(1), shape.criticSizes());
      beta1 = manager.create(BETA1);
      beta1Complement = manager.create(1f - BETA1);
      beta2 = manager.create(BETA2);
      beta2Complement = manager.create(1f - BETA2);
      epsilon = manager.create(EPSILON);
      int k = (int) stacked.getShape().get(0);
      oneHots = manager.create(candidateTargets(k, rows), new Shape(k, 3L * rows, 3));
      float rate = (float) settings.targetUpdateRate();
      tau = manager.create(rate);
      tauComplement = manager.create(1f - rate);
    }

    /** The online actors (acting reads them). */
    StackedMlp actor() {
      return actor;
    }

    /**
     * The step on {@code batch} ([K, rows, (s, a, r, s', gamma (1 - d))]) with per-agent Adam step
     * sizes {@code lrActor}, {@code lrCritic} ([K, 1]); temporaries live in {@code scope}.
     */
    void step(NDArray batch, NDArray lrActor, NDArray lrCritic, NDManager scope) {
      int k = (int) batch.getShape().get(0);
      int o = shape.observationSize();
      int a = shape.actionSize();
      NDList columns = batch.split(new long[] {o + a, o + a + 1, 2L * o + a + 1}, 2);
      NDArray stateAction = columns.get(0);
      NDArray reward = columns.get(1);
      NDArray nextState = columns.get(2);
      NDArray discount = columns.get(3);
      NDArray state = stateAction.split(new long[] {o}, 2).get(0);

      // y = r + gamma (1 - d) Q'(s', pi'(s')): eq. (18)
      NDArray nextAction = HybridHead.critic(actorTarget.output(nextState));
      NDArray y = criticTarget.output(nextState.concat(nextAction, 2)).muli(discount).addi(reward);
      // the critic by the mean squared TD error: eq. (17)
      StackedMlp.Pass q = critic.forward(stateAction);
      NDArray dq = q.output().sub(y).muli(2f / rows);
      adam(online.get(1), mean.get(1), variance.get(1), critic.parameterGradients(q, dq), lrCritic);

      // the actor: the (updated) critic's best target a^d, then eq. (19) + target imitation
      StackedMlp.Pass policy = actor.forward(state);
      NDList raw = policy.output().split(new long[] {3}, 2);
      NDArray ratios = Activation.sigmoid(raw.get(1));
      NDArray best = bestTargets(state, ratios);
      StackedMlp.Pass chosen = critic.forward(state.concat(best, 2).concat(ratios, 2));
      NDArray dInput = critic.inputGradient(chosen, scope.full(new Shape(k, rows, 1), -1f / rows));
      NDArray dRatios = dInput.split(new long[] {o + 3}, 2).get(1);
      NDArray dPre = dRatios.mul(ratios).muli(ratios.neg().addi(1f)); // sigmoid'
      NDArray dLogits = raw.get(0).softmax(2).subi(best).muli(1f / rows); // cross-entropy'
      NDArray dRaw = dLogits.concat(dPre, 2);
      adam(
          online.get(0),
          mean.get(0),
          variance.get(0),
          actor.parameterGradients(policy, dRaw),
          lrActor);

      // theta' <- tau theta + (1 - tau) theta': eqs. (20), (21)
      NDArray moved = tau.mul(onlineAll);
      moved.attach(scope);
      targetAll.muli(tauComplement).addi(moved);
    }

    /**
     * The one-hot target with the highest Q(s, e_j, ratios(s)) for each row: the three candidates
     * of every row go through the critic as one batch of 3 x rows.
     */
    private NDArray bestTargets(NDArray state, NDArray ratios) {
      int k = (int) state.getShape().get(0);
      NDArray candidates =
          NDArrays.concat(new NDList(state, state, state), 1)
              .concat(oneHots, 2)
              .concat(NDArrays.concat(new NDList(ratios, ratios, ratios), 1), 2);
      return critic.output(candidates).reshape(k, 3, rows).argMax(1).oneHot(3);
    }

    /**
     * Adam (DJL's): m, v by their decay rates, then theta -= lr_t m / (sqrt(v) + eps), in place.
     */
    private void adam(NDArray p, NDArray m, NDArray v, NDArray g, NDArray lr) {
      m.muli(beta1).addi(g.mul(beta1Complement));
      v.muli(beta2).addi(g.square().muli(beta2Complement));
      NDArray root = v.sqrt(); // a new array: keep it in the step's scope, as everything else
      root.attach(lr.getManager());
      p.subi(lr.mul(m).divi(root.addi(epsilon)));
    }
  }

  /** Whether two agents' steps can share one batched pass: same networks, batch and rates. */
  private static boolean sameStep(DdpgAgent a, DdpgAgent b) {
    DdpgSettings x = a.settings();
    DdpgSettings y = b.settings();
    return Arrays.equals(a.shape().actorSizes(), b.shape().actorSizes())
        && Arrays.equals(a.shape().criticSizes(), b.shape().criticSizes())
        && x.batchSize() == y.batchSize()
        && x.actorLearningRate() == y.actorLearningRate()
        && x.criticLearningRate() == y.criticLearningRate()
        && x.discount() == y.discount()
        && x.targetUpdateRate() == y.targetUpdateRate();
  }

  /** DJL Adam's step size at step t: lr sqrt(1 - beta2^t) / (1 - beta1^t). */
  private static float adamRate(double learningRate, int t) {
    float lr = (float) learningRate;
    return (float) (lr * Math.sqrt(1.0 - Math.pow(BETA2, t)) / (1.0 - Math.pow(BETA1, t)));
  }

  /** Candidate j of each of an agent's rows is the one-hot e_j: {@code [K, 3 rows, 3]}. */
  private static float[] candidateTargets(int k, int rows) {
    float[] oneHots = new float[k * 3 * rows * 3];
    for (int agent = 0; agent < k; agent++) {
      for (int j = 0; j < 3; j++) {
        for (int row = 0; row < rows; row++) {
          oneHots[((agent * 3 + j) * rows + row) * 3 + j] = 1f;
        }
      }
    }
    return oneHots;
  }

  /** One agent's batch as rows of (s, a, r, s', gamma (1 - d)) from {@code offset}. */
  private static void pack(Batch b, float discount, float[] out, int offset, DdpgShape shape) {
    int o = shape.observationSize();
    int a = shape.actionSize();
    int at = offset;
    for (int row = 0; row < b.size(); row++) {
      System.arraycopy(b.states(), row * o, out, at, o);
      System.arraycopy(b.actions(), row * a, out, at + o, a);
      out[at + o + a] = b.rewards()[row];
      System.arraycopy(b.nextStates(), row * o, out, at + o + a + 1, o);
      out[at + 2 * o + a + 1] = discount * (1f - b.dones()[row]);
      at += 2 * o + a + 2;
    }
  }
}
