package fedvec.model;

import fedvec.model.channel.ChannelSettings;
import fedvec.model.offload.AllocationSettings;
import fedvec.model.offload.CostSettings;
import fedvec.model.offload.RewardSettings;
import fedvec.model.task.TaskSettings;
import fedvec.model.world.RoadSettings;
import fedvec.model.world.RsuSettings;
import fedvec.model.world.VehicleSettings;

/** The defaults of cluster-config/scenarios/hafmaddpg.conf, for tests of the pure model. */
public final class Scenarios {
  private Scenarios() {}

  public static ScenarioSettings hafmaddpg(int vehicles) {
    return new ScenarioSettings(
        "hafmaddpg",
        new RoadSettings(1000, 1.0),
        new VehicleSettings(vehicles, 10, 20, 1.0, 0.5e9, 1.5e9, 150, 1.0, 0.2),
        new RsuSettings(4, 300, 10e9, 5.0, 1.0),
        new ChannelSettings(20e6, 15e6, 20, 20, 100, 3.0, 1.0),
        new TaskSettings(0.8, 0.5e6, 2e6, 0.2e9, 1e9, 0.5, 1.0),
        new AllocationSettings(0.01),
        new CostSettings(0.5),
        new RewardSettings(0.5, 0.5, 1.0, 0.1));
  }
}
