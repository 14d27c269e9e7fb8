package fedvec.model.offload;

import fedvec.model.world.Kinematics;
import fedvec.model.world.Traffic;
import java.util.ArrayList;
import java.util.List;

/**
 * An RSU's cell at one slot: the RSU's position and its member vehicles, in id order.
 *
 * @param rsuId the serving RSU
 * @param rsuPositionM where it stands on the road
 * @param members the vehicles it serves, in id order
 */
public record Cell(int rsuId, double rsuPositionM, List<Member> members) {

  /**
   * A vehicle of the cell.
   *
   * @param vehicleId its id
   * @param kinematics where it is and how it moves at the start of the slot
   * @param cpuHz its CPU frequency
   * @param assistantId its assisted-vehicle candidate, or -1
   */
  public record Member(int vehicleId, Kinematics kinematics, double cpuHz, int assistantId) {}

  /** The cell of {@code rsu} at {@code slot}. */
  public static Cell of(Traffic traffic, int rsu, int slot, double[] cpuHz, double v2vRangeM) {
    List<Member> members = new ArrayList<>();
    for (int v : traffic.members(rsu, slot)) {
      members.add(
          new Member(
              v, traffic.kinematics(v, slot), cpuHz[v], traffic.assistant(v, slot, v2vRangeM)));
    }
    return new Cell(rsu, traffic.layout().positionM(rsu), List.copyOf(members));
  }

  /** The member with {@code vehicleId}; throws if it is not in this cell. */
  public Member member(int vehicleId) {
    for (Member m : members) {
      if (m.vehicleId() == vehicleId) {
        return m;
      }
    }
    throw new IllegalArgumentException("vehicle " + vehicleId + " is not in cell " + rsuId);
  }
}
