package fedvec.model.world;

/**
 * Vehicles of paper 000: their number, kinematics, CPU, V2V range (Table I: 150 m) and powers.
 *
 * @param count number of vehicles (agents)
 * @param speedMinMps lowest speed (ASSUME)
 * @param speedMaxMps highest speed (ASSUME)
 * @param accelerationMaxMps2 bound of the per-slot random acceleration (ASSUME)
 * @param cpuMinHz lowest vehicle CPU frequency (ASSUME)
 * @param cpuMaxHz highest vehicle CPU frequency (ASSUME)
 * @param v2vRangeM vehicle communication range R_v2v (Table I)
 * @param computePowerW p_v^com of eqs. (6), (8) (ASSUME)
 * @param transmitPowerW p_v^trans of eq. (8) (ASSUME)
 */
public record VehicleSettings(
    int count,
    double speedMinMps,
    double speedMaxMps,
    double accelerationMaxMps2,
    double cpuMinHz,
    double cpuMaxHz,
    double v2vRangeM,
    double computePowerW,
    double transmitPowerW) {}
