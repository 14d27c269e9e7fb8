package fedvec.learning.replay;

/**
 * One experience (s_i, a_i, r_i, s_i', d_i) of Algorithm 1, line 7.
 *
 * @param state observation s
 * @param action the executed action as a vector (one-hot target, p^c, p^k)
 * @param reward r of eq. (15)
 * @param nextState observation s'
 * @param done d: true on the last slot of an episode
 */
public record Transition(
    float[] state, float[] action, float reward, float[] nextState, boolean done) {}
