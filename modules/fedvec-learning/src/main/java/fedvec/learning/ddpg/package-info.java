/** DDPG learners of the vehicle agents (paper 000, Algorithm 1). */
package fedvec.learning.ddpg;
