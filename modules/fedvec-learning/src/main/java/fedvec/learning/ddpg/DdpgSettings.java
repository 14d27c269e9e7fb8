package fedvec.learning.ddpg;

/**
 * Hyper-parameters of one vehicle's DDPG learner (Table I of paper 000 where given, ASSUME
 * otherwise).
 *
 * @param actorLearningRate Table I: 1e-4
 * @param criticLearningRate Table I: 3e-4
 * @param batchSize Table I: 128
 * @param replayCapacity Table I: 50,000
 * @param discount gamma of eq. (18) (ASSUME)
 * @param targetUpdateRate tau of eqs. (20), (21) (ASSUME)
 * @param hiddenUnits sizes of the hidden layers of actor and critic (ASSUME)
 * @param trainEvery slots between two updates (Algorithm 1: every slot)
 */
public record DdpgSettings(
    double actorLearningRate,
    double criticLearningRate,
    int batchSize,
    int replayCapacity,
    double discount,
    double targetUpdateRate,
    int[] hiddenUnits,
    int trainEvery) {}
