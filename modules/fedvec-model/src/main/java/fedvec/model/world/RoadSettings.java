package fedvec.model.world;

/**
 * The straight road of paper 000 (Table I: 1000 m) and the length of one decision slot.
 *
 * @param lengthM road length in metres
 * @param slotSeconds duration of one time slot (ASSUME slot-seconds)
 */
public record RoadSettings(double lengthM, double slotSeconds) {}
