package fedvec.model;

import fedvec.model.channel.ChannelSettings;
import fedvec.model.offload.AllocationSettings;
import fedvec.model.offload.CostSettings;
import fedvec.model.offload.RewardSettings;
import fedvec.model.task.TaskSettings;
import fedvec.model.world.RoadSettings;
import fedvec.model.world.RsuLayout;
import fedvec.model.world.RsuSettings;
import fedvec.model.world.VehicleSettings;

/**
 * Every physical parameter of one scenario (cluster-config/scenarios/NAME.conf), read once at
 * start.
 *
 * @param name the scenario's name, e.g. "hafmaddpg"
 */
public record ScenarioSettings(
    String name,
    RoadSettings road,
    VehicleSettings vehicles,
    RsuSettings rsus,
    ChannelSettings channel,
    TaskSettings tasks,
    AllocationSettings allocation,
    CostSettings cost,
    RewardSettings reward) {

  public RsuLayout rsuLayout() {
    return new RsuLayout(road, rsus.count());
  }
}
