package fedvec.model.world;

import fedvec.model.random.SeedStreams;
import java.util.SplittableRandom;

/**
 * Vehicle movement as a pure function of (seed, vehicle, episode): every actor can compute where
 * any vehicle is at any slot without messages.
 *
 * <p>ASSUME mobility: the initial position is uniform on the road and the initial speed uniform in
 * [min, max]; each slot draws an acceleration uniform in [-a, a]; speed is clamped to [min, max]; a
 * vehicle that passes the end of the road re-enters at 0, so the population is constant.
 */
public final class Mobility {
  private Mobility() {}

  /** The kinematics of one vehicle at the start of each slot 0..slots-1 of an episode. */
  public static Kinematics[] trajectory(
      RoadSettings road, VehicleSettings vehicles, long seed, int vehicle, int episode, int slots) {
    SplittableRandom random = SeedStreams.stream(seed, "mobility", vehicle, episode);
    double position = random.nextDouble() * road.lengthM();
    double speed = SeedStreams.uniform(random, vehicles.speedMinMps(), vehicles.speedMaxMps());
    Kinematics[] out = new Kinematics[slots];
    for (int t = 0; t < slots; t++) {
      double acceleration =
          SeedStreams.uniform(
              random, -vehicles.accelerationMaxMps2(), vehicles.accelerationMaxMps2());
      out[t] = new Kinematics(position, speed, acceleration);
      position = (position + speed * road.slotSeconds()) % road.lengthM();
      speed =
          Math.max(
              vehicles.speedMinMps(),
              Math.min(vehicles.speedMaxMps(), speed + acceleration * road.slotSeconds()));
    }
    return out;
  }

  /** A vehicle's CPU frequency: drawn once per run from its own stream (ASSUME vehicle cpu). */
  public static double cpuHz(VehicleSettings vehicles, long seed, int vehicle) {
    return SeedStreams.uniform(
        SeedStreams.stream(seed, "vehicle-cpu", vehicle), vehicles.cpuMinHz(), vehicles.cpuMaxHz());
  }
}
