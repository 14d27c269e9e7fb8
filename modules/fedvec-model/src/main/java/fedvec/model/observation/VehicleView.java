package fedvec.model.observation;

import fedvec.model.task.Task;
import fedvec.model.twin.ResourceSnapshot;
import fedvec.model.world.Kinematics;

/**
 * Everything a vehicle knows when it decides: itself, its task, its serving RSU (through the RSU's
 * digital twin), its assisted-vehicle candidate and the density of its cell.
 *
 * @param self own kinematics
 * @param cpuHz own CPU frequency
 * @param task this slot's task, or null
 * @param rsuPositionM the serving RSU's position
 * @param twin the serving RSU's resource snapshot
 * @param assistant the candidate's kinematics, or null when none is in V2V range
 * @param assistantCpuHz the candidate's CPU frequency, 0 when none
 * @param cellSize vehicles served by the RSU this slot
 * @param vehicleCount vehicles on the road
 */
public record VehicleView(
    Kinematics self,
    double cpuHz,
    Task task,
    double rsuPositionM,
    ResourceSnapshot twin,
    Kinematics assistant,
    double assistantCpuHz,
    int cellSize,
    int vehicleCount) {}
