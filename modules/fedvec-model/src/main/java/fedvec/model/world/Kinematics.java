package fedvec.model.world;

/**
 * Where a vehicle is at the start of a slot and how it moves.
 *
 * @param positionM position along the road, in [0, road length)
 * @param speedMps speed in the direction of travel (all vehicles drive towards +x)
 * @param accelerationMps2 acceleration drawn for this slot
 */
public record Kinematics(double positionM, double speedMps, double accelerationMps2) {}
