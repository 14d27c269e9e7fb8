package fedvec.model.world;

import java.util.ArrayList;
import java.util.List;

/**
 * Every vehicle's kinematics for every slot of one episode, and who is in which RSU's cell. It is
 * computed from the seed alone, so the RSUs and the vehicles agree on it without exchanging a
 * message.
 */
public final class Traffic {
  private final Kinematics[][] kinematics; // [vehicle][slot]
  private final int[][] servingRsu; // [slot][vehicle]
  private final RsuLayout layout;

  private Traffic(Kinematics[][] kinematics, int[][] servingRsu, RsuLayout layout) {
    this.kinematics = kinematics;
    this.servingRsu = servingRsu;
    this.layout = layout;
  }

  /**
   * The traffic of {@code episode} for {@code vehicles.count()} vehicles and {@code slots} slots.
   */
  public static Traffic of(
      RoadSettings road,
      VehicleSettings vehicles,
      RsuLayout layout,
      long seed,
      int episode,
      int slots) {
    Kinematics[][] kinematics = new Kinematics[vehicles.count()][];
    for (int v = 0; v < vehicles.count(); v++) {
      kinematics[v] = Mobility.trajectory(road, vehicles, seed, v, episode, slots);
    }
    int[][] serving = new int[slots][vehicles.count()];
    for (int t = 0; t < slots; t++) {
      for (int v = 0; v < vehicles.count(); v++) {
        serving[t][v] = layout.nearest(kinematics[v][t].positionM());
      }
    }
    return new Traffic(kinematics, serving, layout);
  }

  public int slots() {
    return servingRsu.length;
  }

  public RsuLayout layout() {
    return layout;
  }

  public Kinematics kinematics(int vehicle, int slot) {
    return kinematics[vehicle][slot];
  }

  public int servingRsu(int vehicle, int slot) {
    return servingRsu[slot][vehicle];
  }

  /** The vehicles served by {@code rsu} at {@code slot}, in id order. */
  public List<Integer> members(int rsu, int slot) {
    List<Integer> members = new ArrayList<>();
    for (int v = 0; v < kinematics.length; v++) {
      if (servingRsu[slot][v] == rsu) {
        members.add(v);
      }
    }
    return members;
  }

  /**
   * The assisted-vehicle candidate of {@code vehicle}: the nearest other member of its cell within
   * V2V range, the lower id on a tie, or -1 (ASSUME assistant choice: the RSU schedules V2V inside
   * its cell).
   */
  public int assistant(int vehicle, int slot, double v2vRangeM) {
    int rsu = servingRsu[slot][vehicle];
    double x = kinematics[vehicle][slot].positionM();
    int best = -1;
    double bestDistance = Double.MAX_VALUE;
    for (int other = 0; other < kinematics.length; other++) {
      if (other == vehicle || servingRsu[slot][other] != rsu) {
        continue;
      }
      double distance = Math.abs(kinematics[other][slot].positionM() - x);
      if (distance <= v2vRangeM && distance < bestDistance) {
        best = other;
        bestDistance = distance;
      }
    }
    return best;
  }
}
