package fedvec.model.task;

/**
 * A computing task n = (sigma_n, theta_n, phi_n) of paper 000, section II-A.
 *
 * @param dataBits sigma_n, the input to transmit when offloading
 * @param demandCycles phi_n, the CPU cycles needed
 * @param deadlineSeconds theta_n, the time by which the task must be finished
 */
public record Task(double dataBits, double demandCycles, double deadlineSeconds) {}
