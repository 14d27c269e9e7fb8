package fedvec.model.task;

/**
 * How tasks (sigma_n, theta_n, phi_n) are drawn; paper 000 gives no ranges, so all are ASSUME
 * defaults.
 *
 * @param probability chance that a vehicle generates a task in a slot
 * @param dataMinBits lowest data size sigma_n
 * @param dataMaxBits highest data size sigma_n
 * @param demandMinCycles lowest computing demand phi_n
 * @param demandMaxCycles highest computing demand phi_n
 * @param deadlineMinSeconds shortest deadline theta_n
 * @param deadlineMaxSeconds longest deadline theta_n
 */
public record TaskSettings(
    double probability,
    double dataMinBits,
    double dataMaxBits,
    double demandMinCycles,
    double demandMaxCycles,
    double deadlineMinSeconds,
    double deadlineMaxSeconds) {}
