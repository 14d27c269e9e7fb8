package fedvec.model.offload;

/**
 * How shared resources are split among the tasks of a cell.
 *
 * @param minRatio the smallest ratio p^c or p^k a task can ask for (ASSUME: keeps delays finite)
 */
public record AllocationSettings(double minRatio) {}
