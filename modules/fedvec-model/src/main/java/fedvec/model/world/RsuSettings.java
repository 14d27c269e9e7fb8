package fedvec.model.world;

/**
 * RSUs of paper 000: evenly spaced along the road, each with an edge server.
 *
 * @param count number of RSUs (ASSUME 4: evenly spaced, they cover the 1000 m road)
 * @param rangeM RSU communication range R_v2r (Table I: 300 m)
 * @param cpuHz edge-server CPU frequency shared by the RSU's offloaded tasks (ASSUME; Fig. 4 sweeps
 *     6–14 GHz)
 * @param computePowerW p_r^com of eq. (10) (ASSUME)
 * @param transmitPowerW p_r^trans of eq. (10) (ASSUME)
 */
public record RsuSettings(
    int count, double rangeM, double cpuHz, double computePowerW, double transmitPowerW) {}
