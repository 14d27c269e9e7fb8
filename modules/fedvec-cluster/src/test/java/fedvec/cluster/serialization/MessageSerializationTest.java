package fedvec.cluster.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fedvec.cluster.CborSerializable;
import fedvec.cluster.aggregation.AggregationRecord;
import fedvec.cluster.bs.BaseStation;
import fedvec.cluster.clock.EpisodeMetrics;
import fedvec.cluster.clock.RunEvent;
import fedvec.cluster.clock.SimulationClock;
import fedvec.cluster.rsu.Rsu;
import fedvec.cluster.rsu.RsuAggregator;
import fedvec.cluster.settings.FedvecConfig;
import fedvec.cluster.settings.RunSpec;
import fedvec.cluster.settings.RunSpecLoader;
import fedvec.cluster.traffic.TrafficTally;
import fedvec.cluster.vehicle.Vehicle;
import fedvec.learning.maddpg.Experience;
import fedvec.model.offload.Decision;
import fedvec.model.offload.Failure;
import fedvec.model.offload.OffloadAction;
import fedvec.model.offload.OffloadTarget;
import fedvec.model.offload.SlotTally;
import fedvec.model.offload.TaskOutcome;
import fedvec.model.task.Task;
import fedvec.model.twin.ResourceSnapshot;
import fedvec.model.world.Kinematics;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Every message that may cross nodes survives Jackson CBOR, field by field. */
class MessageSerializationTest {
  private static final ActorTestKit testKit =
      ActorTestKit.create(FedvecConfig.load(null, null, Map.of()));

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static <T> ActorRef<T> ref() {
    return testKit.<T>createTestProbe().ref();
  }

  static List<CborSerializable> messages() {
    Task task = new Task(1e6, 0.5e9, 0.8);
    Decision decision = new Decision(3, task, new OffloadAction(OffloadTarget.RSU, 0.7, 0.2));
    TaskOutcome outcome =
        new TaskOutcome(3, OffloadTarget.RSU, 0.2, 0.9, Failure.NONE, 0.5, 0.55, -0.6);
    SlotTally tally = new SlotTally(4, 1, 1.5, 2.5, 2.0, -3.0, 1, 1, 2);
    byte[] model = {1, 2, 3, 4, 5, 6, 7, 8};
    TrafficTally traffic =
        new TrafficTally(new long[] {1, 2, 3, 4, 5}, new long[] {10, 20, 30, 40, 50});
    AggregationRecord record =
        new AggregationRecord(
            4,
            "rsu",
            1,
            "pekko://fedvec/x",
            "pekko://fedvec@127.0.0.1:1",
            "fedavg",
            "committed",
            List.of(2, 5),
            List.of(9),
            List.of(new AggregationRecord.Rejected(7, "not-finite")),
            new double[] {-1, -2},
            new double[] {0.5, 0.5},
            3.5,
            90000);
    RunSpec spec = RunSpecLoader.load(FedvecConfig.load(null, null, Map.of()));
    return List.of(
        new Vehicle.Observe(
            1,
            2,
            0,
            125.0,
            new ResourceSnapshot(1, 2, 0.4, 0.6),
            new Kinematics(1, 2, 0.1),
            1e9,
            3,
            ref()),
        new Vehicle.Observe(1, 2, 0, 125.0, ResourceSnapshot.IDLE, null, 0, 1, ref()),
        new Vehicle.Outcome(1, 2, outcome, ref()),
        new Vehicle.Outcome(1, 2, null, ref()),
        new Vehicle.UploadModel(4, ref()),
        new Vehicle.GlobalModel(4, model, ref()),
        new Rsu.BeginSlot(1, 2, ref()),
        new Rsu.VehicleDecision(1, 2, decision, ref()),
        new Rsu.VehicleDecision(1, 2, Decision.idle(5), null),
        new Vehicle.Restore(3, model),
        new BaseStation.GetGlobalModel(ref(), 7),
        new Rsu.SlotExperience(
            1,
            new Experience(3, 2, new float[] {0.5f, 1}, new float[] {1, 0, 0, 0.2f, 0.3f}, -0.7f)),
        new Rsu.SlotExperience(1, new Experience(4, 2, new float[] {0.25f}, null, 0f)),
        new BaseStation.RsuExperience(
            4,
            1,
            List.of(3, 4),
            List.of(new Experience(3, 0, new float[] {1, 2}, new float[] {0, 1, 0, 1, 1}, 0.5f)),
            traffic,
            ref()),
        new RsuAggregator.DistributeActors(
            4,
            List.of(
                new RsuAggregator.VehicleActor(3, model),
                new RsuAggregator.VehicleActor(4, model))),
        new Rsu.SlotAck(1, 2, 3),
        new Rsu.CollectModels(4, ref()),
        new RsuAggregator.LocalModel(4, 3, model, -0.25),
        new RsuAggregator.DistributeGlobal(4, model),
        new RsuAggregator.ModelLoaded(4, 3),
        new BaseStation.StartRound(4, ref()),
        new BaseStation.RsuAggregate(
            4, 1, model, -0.3, 3, List.of(2, 5, 9), record, traffic, 1, ref()),
        new BaseStation.RsuDistributed(4, 1, traffic, 0),
        new SimulationClock.Start(ref()),
        new SimulationClock.SlotDone(1, 2, 0, tally, traffic, 1),
        new SimulationClock.RoundDone(4, true, List.of(record), traffic, 2, model),
        new RunEvent.EpisodeCompleted(
            new EpisodeMetrics(1, tally, 10, "committed", 3, 1234),
            List.of(record),
            traffic,
            model),
        new RunEvent.RunCompleted(5),
        new RunSpecMessage(spec));
  }

  /** The run spec is plain data that a coordinator can ship to other nodes. */
  record RunSpecMessage(RunSpec spec) implements CborSerializable {}

  @Test
  void everyMessageRoundTripsThroughJacksonCbor() {
    for (CborSerializable message : messages()) {
      Serializer serializer =
          SerializationExtension.get(testKit.system()).findSerializerFor(message);
      assertTrue(
          serializer.getClass().getSimpleName().contains("JacksonCbor"),
          message.getClass() + " is serialised by " + serializer.getClass());
      Object copy = testKit.serializationTestKit().verifySerialization(message, false);
      assertDeepEquals(message, copy, message.getClass().getSimpleName());
    }
  }

  @Test
  void nothingButTheProjectsMessagesIsSerialisable() {
    // Java serialization is off (G8): a plain Serializable object has no serializer that would
    // write it
    java.util.ArrayList<String> foreign = new java.util.ArrayList<>(List.of("payload"));
    org.apache.pekko.serialization.Serialization serialization =
        SerializationExtension.get(testKit.system());
    assertTrue(serialization.serialize(foreign).isFailure(), "a java.io.Serializable was written");
  }

  /** Record equality that compares array components by content. */
  private static void assertDeepEquals(Object expected, Object actual, String path) {
    if (expected == null || actual == null) {
      assertEquals(expected, actual, path);
      return;
    }
    if (expected instanceof List<?> list) { // any List implementation will do
      List<?> other = (List<?>) actual;
      assertEquals(list.size(), other.size(), path);
      for (int i = 0; i < list.size(); i++) {
        assertDeepEquals(list.get(i), other.get(i), path + "[" + i + "]");
      }
      return;
    }
    assertEquals(expected.getClass(), actual.getClass(), path);
    if (expected.getClass().isArray()) {
      assertTrue(Arrays.deepEquals(new Object[] {expected}, new Object[] {actual}), path);
    } else if (expected.getClass().isRecord()) {
      for (RecordComponent c : expected.getClass().getRecordComponents()) {
        try {
          assertDeepEquals(
              c.getAccessor().invoke(expected),
              c.getAccessor().invoke(actual),
              path + "." + c.getName());
        } catch (ReflectiveOperationException e) {
          throw new AssertionError(e);
        }
      }
    } else {
      assertEquals(expected, actual, path);
    }
  }
}
