package fedvec.model.offload;

import fedvec.model.task.Task;

/**
 * One vehicle's choice for one slot.
 *
 * @param vehicleId the deciding vehicle
 * @param task its task, or null when it generated none this slot
 * @param action the chosen action, or null without a task
 */
public record Decision(int vehicleId, Task task, OffloadAction action) {
  public static Decision idle(int vehicleId) {
    return new Decision(vehicleId, null, null);
  }

  public boolean hasTask() {
    return task != null;
  }

  public boolean targets(OffloadTarget target) {
    return task != null && action.target() == target;
  }
}
