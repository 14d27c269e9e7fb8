package fedvec.cluster.vehicle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import fedvec.cluster.bs.BaseStation;
import fedvec.cluster.rsu.Rsu;
import fedvec.cluster.rsu.RsuAggregator;
import fedvec.cluster.settings.FedvecConfig;
import fedvec.cluster.settings.RunSpec;
import fedvec.cluster.settings.RunSpecLoader;
import fedvec.model.offload.Decision;
import fedvec.model.offload.Failure;
import fedvec.model.offload.TaskOutcome;
import fedvec.model.twin.ResourceSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A vehicle acknowledges a training slot before its step (the step overlaps the next slot's first
 * hops), yet whatever it is asked next is answered after the step.
 */
class VehicleTest {
  private static final int BATCH = 16;
  private static final int FIRST_CHECKED_SLOT = 40; // the buffer holds a batch well before
  private static final int SLOTS = 50;

  private static final ActorTestKit testKit =
      ActorTestKit.create(FedvecConfig.load(null, null, Map.of()));

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @Test
  void aModelAskedForRightAfterTheAcknowledgementIsTheTrainedOne() {
    List<byte[]> batched = modelsAfterEachSlot("on");
    List<byte[]> alone = modelsAfterEachSlot("off");

    for (int i = 1; i < batched.size(); i++) {
      assertFalse(
          Arrays.equals(batched.get(i - 1), batched.get(i)),
          "slot " + (FIRST_CHECKED_SLOT + i) + "'s step is not in the model uploaded after it");
    }
    assertEquals(alone.size(), batched.size());
    for (int i = 0; i < alone.size(); i++) {
      assertArrayEquals(alone.get(i), batched.get(i), "slot " + (FIRST_CHECKED_SLOT + i));
    }
  }

  /**
   * Drives one vehicle through the slots of episode 1 as its RSU would, and from {@link
   * #FIRST_CHECKED_SLOT} on asks for its model as soon as it acknowledges each slot.
   */
  private static List<byte[]> modelsAfterEachSlot(String batchedTraining) {
    RunSpec spec =
        RunSpecLoader.load(
            FedvecConfig.load(
                null,
                null,
                Map.of(
                    "scenario.vehicles.count",
                    "1",
                    "scenario.rsus.count",
                    "1",
                    "learning.batch-size",
                    String.valueOf(BATCH),
                    "run.batched-training",
                    batchedTraining)));
    TestProbe<BaseStation.Command> baseStation = testKit.createTestProbe();
    TestProbe<Rsu.Command> rsu = testKit.createTestProbe();
    TestProbe<RsuAggregator.Command> aggregator = testKit.createTestProbe();
    ActorRef<Vehicle.Command> vehicle = testKit.spawn(Vehicle.create(spec, 0, baseStation.ref()));
    List<byte[]> models = new ArrayList<>();
    for (int slot = 0; slot < SLOTS; slot++) {
      vehicle.tell(
          new Vehicle.Observe(1, slot, 0, 500.0, ResourceSnapshot.IDLE, null, 0.0, 1, rsu.ref()));
      Decision decision = rsu.expectMessageClass(Rsu.VehicleDecision.class).decision();
      TaskOutcome outcome =
          decision.hasTask()
              ? new TaskOutcome(
                  0, decision.action().target(), 0.2, 0.5, Failure.NONE, 0.5, 1.0, -0.1 * slot)
              : null;
      vehicle.tell(new Vehicle.Outcome(1, slot, outcome, rsu.ref()));
      rsu.expectMessageClass(Rsu.SlotAck.class);
      if (slot >= FIRST_CHECKED_SLOT) {
        vehicle.tell(new Vehicle.UploadModel(slot, aggregator.ref()));
        models.add(aggregator.expectMessageClass(RsuAggregator.LocalModel.class).parameters());
      }
    }
    testKit.stop(vehicle);
    return models;
  }
}
