package fedvec.model.offload;

/**
 * Sums of task outcomes (one cell's slot, or a whole episode). Callers add in vehicle-id and RSU-id
 * order, so the floating-point sums are the same on every run.
 */
public record SlotTally(
    int tasks,
    int failed,
    double delaySeconds,
    double energyJoules,
    double cost,
    double reward,
    int local,
    int assisted,
    int rsu) {

  public static final SlotTally EMPTY = new SlotTally(0, 0, 0, 0, 0, 0, 0, 0, 0);

  public SlotTally plus(TaskOutcome o) {
    return new SlotTally(
        tasks + 1,
        failed + (o.failed() ? 1 : 0),
        delaySeconds + o.delaySeconds(),
        energyJoules + o.energyJoules(),
        cost + o.cost(),
        reward + o.reward(),
        local + (o.target() == OffloadTarget.LOCAL ? 1 : 0),
        assisted + (o.target() == OffloadTarget.ASSISTED_VEHICLE ? 1 : 0),
        rsu + (o.target() == OffloadTarget.RSU ? 1 : 0));
  }

  public SlotTally plus(SlotTally o) {
    return new SlotTally(
        tasks + o.tasks,
        failed + o.failed,
        delaySeconds + o.delaySeconds,
        energyJoules + o.energyJoules,
        cost + o.cost,
        reward + o.reward,
        local + o.local,
        assisted + o.assisted,
        rsu + o.rsu);
  }

  /** The tally of outcomes given in order. */
  public static SlotTally of(Iterable<TaskOutcome> outcomes) {
    SlotTally tally = EMPTY;
    for (TaskOutcome o : outcomes) {
      tally = tally.plus(o);
    }
    return tally;
  }
}
