package fedvec.cluster.rsu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fedvec.cluster.aggregation.AggregationRecord;
import fedvec.cluster.bs.BaseStation;
import fedvec.cluster.settings.FedvecConfig;
import fedvec.cluster.settings.RunSpec;
import fedvec.cluster.settings.RunSpecLoader;
import fedvec.cluster.traffic.Link;
import fedvec.cluster.vehicle.Vehicle;
import fedvec.learning.parameters.ParameterVector;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The RSU tier of a round: eq. (16) weights, quorum, deadlines, and what is never counted. */
class RsuAggregatorTest {
  // the node's configuration: the traffic meters serialise with the project's bindings
  private static final ActorTestKit testKit =
      ActorTestKit.create(FedvecConfig.load(null, null, Map.of()));
  private static final RunSpec SPEC =
      RunSpecLoader.load(
          FedvecConfig.load(
              null,
              null,
              Map.of(
                  "fl.rsu-timeout",
                  "400ms",
                  "fl.min-fraction",
                  "0.4",
                  "fl.max-update-norm",
                  "200")));
  private static final int SIZE = SPEC.ddpgShape().parameterCount();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static byte[] model(float value) {
    float[] values = new float[SIZE];
    Arrays.fill(values, value);
    return new ParameterVector(1, values).toBytes();
  }

  /** Probes standing in for vehicles 1..n, and an aggregator that reaches them. */
  private record Fixture(
      List<TestProbe<Vehicle.Command>> vehicles,
      TestProbe<BaseStation.Command> baseStation,
      ActorRef<RsuAggregator.Command> aggregator) {

    static Fixture of(int vehicles) {
      List<TestProbe<Vehicle.Command>> probes =
          java.util.stream.IntStream.rangeClosed(1, vehicles)
              .mapToObj(i -> testKit.<Vehicle.Command>createTestProbe())
              .toList();
      ActorRef<RsuAggregator.Command> aggregator =
          testKit.spawn(RsuAggregator.create(SPEC, 0, id -> probes.get(id - 1).ref()));
      return new Fixture(probes, testKit.createTestProbe(), aggregator);
    }

    ActorRef<RsuAggregator.Command> uploadRequestOf(int vehicle) {
      return vehicles.get(vehicle - 1).expectMessageClass(Vehicle.UploadModel.class).replyTo();
    }
  }

  @Test
  void aggregatesWithSoftmaxPerformanceWeightsAndPassesTheGlobalModelDown() {
    // given an RSU round with vehicles 1 and 2
    Fixture f = Fixture.of(2);
    f.aggregator()
        .tell(new RsuAggregator.Collect(1, List.of(1, 2), List.of(), f.baseStation().ref()));
    // when vehicle 1 (perf -1, all ones) and vehicle 2 (perf -2, all zeros) upload
    f.uploadRequestOf(1).tell(new RsuAggregator.LocalModel(1, 1, model(1f), -1.0));
    f.uploadRequestOf(2).tell(new RsuAggregator.LocalModel(1, 2, model(0f), -2.0));
    // then standardised perf [1, -1] gives w = softmax([1, -1]) = [e / (e + 1/e), ...]: eqs. (16),
    // (22)
    BaseStation.RsuAggregate aggregate =
        f.baseStation().expectMessageClass(BaseStation.RsuAggregate.class);
    double w1 = Math.E / (Math.E + 1 / Math.E);
    assertEquals(List.of(1, 2), aggregate.contributors());
    assertEquals(2, aggregate.samples());
    assertEquals(-1.5, aggregate.perf(), 1e-12);
    float[] values = ParameterVector.fromBytes(1, aggregate.parameters()).toArray();
    assertEquals((float) w1, values[0]);
    assertEquals((float) w1, values[SIZE - 1]);

    // and the global model goes to both vehicles; the BS hears once all loaded it
    aggregate.replyTo().tell(new RsuAggregator.DistributeGlobal(1, model(0.5f)));
    for (int v = 1; v <= 2; v++) {
      Vehicle.GlobalModel global =
          f.vehicles().get(v - 1).expectMessageClass(Vehicle.GlobalModel.class);
      assertArrayEquals(model(0.5f), global.parameters());
      global.replyTo().tell(new RsuAggregator.ModelLoaded(1, v));
    }
    BaseStation.RsuDistributed done =
        f.baseStation().expectMessageClass(BaseStation.RsuDistributed.class);
    assertEquals(1, done.round());
    assertEquals(0, done.rsuId());

    // and each phase reports the messages and serialized bytes it exchanged with the vehicles
    assertEquals(2, aggregate.traffic().messages(Link.RSU_TO_VEHICLE)); // two UploadModel
    assertEquals(2, aggregate.traffic().messages(Link.VEHICLE_TO_RSU)); // two LocalModel
    assertTrue(aggregate.traffic().bytes(Link.VEHICLE_TO_RSU) > 2L * SIZE * Float.BYTES);
    assertEquals(2, done.traffic().messages(Link.RSU_TO_VEHICLE)); // two GlobalModel
    assertTrue(done.traffic().bytes(Link.RSU_TO_VEHICLE) > 2L * SIZE * Float.BYTES);
    assertEquals(2, done.traffic().messages(Link.VEHICLE_TO_RSU)); // two ModelLoaded
    assertEquals(1, aggregate.record().round());
    assertEquals(List.of(1, 2), aggregate.record().contributors());
  }

  @Test
  void staleForeignDuplicateAndPoisonedModelsAreNeverCounted() {
    // given a round with seven members; quorum is 3 of 7 (min-fraction 0.4)
    Fixture f = Fixture.of(7);
    f.aggregator()
        .tell(
            new RsuAggregator.Collect(
                2, List.of(1, 2, 3, 4, 5, 6, 7), List.of(), f.baseStation().ref()));
    ActorRef<RsuAggregator.Command> rsu = f.uploadRequestOf(1);
    // when vehicle 1 uploads, then again; a stranger and a stale round arrive
    rsu.tell(new RsuAggregator.LocalModel(2, 1, model(1f), -1.0));
    rsu.tell(new RsuAggregator.LocalModel(2, 1, model(0.2f), 5.0)); // duplicate
    rsu.tell(new RsuAggregator.LocalModel(2, 9, model(0.2f), 5.0)); // not a member
    rsu.tell(new RsuAggregator.LocalModel(1, 2, model(0.2f), 5.0)); // stale round
    // and each kind of poisoned update: NaN, infinity, wrong shape, norm above the bound (200)
    rsu.tell(new RsuAggregator.LocalModel(2, 4, model(Float.NaN), 0.0));
    rsu.tell(new RsuAggregator.LocalModel(2, 5, model(Float.POSITIVE_INFINITY), 0.0));
    rsu.tell(new RsuAggregator.LocalModel(2, 6, new byte[40], 0.0));
    rsu.tell(new RsuAggregator.LocalModel(2, 7, model(2f), 0.0)); // norm 2 * sqrt(11206) = 211.7
    rsu.tell(new RsuAggregator.LocalModel(2, 4, model(0.2f), -1.0)); // too late: 4 already answered
    rsu.tell(new RsuAggregator.LocalModel(2, 2, model(0.5f), -1.0));
    rsu.tell(new RsuAggregator.LocalModel(2, 3, model(1.5f), -1.0));
    // then, every member having answered, only the clean first models of 1, 2 and 3 count
    BaseStation.RsuAggregate aggregate =
        f.baseStation().expectMessageClass(BaseStation.RsuAggregate.class, Duration.ofSeconds(3));
    assertEquals(List.of(1, 2, 3), aggregate.contributors());
    // equal perf, equal weights: (1 + 0.5 + 1.5) / 3
    assertEquals(1f, ParameterVector.fromBytes(2, aggregate.parameters()).get(0));
    // and the poisoned ones are named with their sender and reason
    assertEquals(
        List.of(
            new AggregationRecord.Rejected(4, "not-finite"),
            new AggregationRecord.Rejected(5, "not-finite"),
            new AggregationRecord.Rejected(6, "wrong-shape"),
            new AggregationRecord.Rejected(7, "norm-above-bound")),
        aggregate.record().rejected());
    assertEquals(List.of(4, 5, 6, 7), aggregate.record().missing());
  }

  @Test
  void withoutQuorumTheRoundAbortsAndSendsNoModel() {
    // given a round with three members of which only one answers
    Fixture f = Fixture.of(3);
    f.aggregator()
        .tell(new RsuAggregator.Collect(3, List.of(1, 2, 3), List.of(), f.baseStation().ref()));
    f.uploadRequestOf(1).tell(new RsuAggregator.LocalModel(3, 1, model(1f), -1.0));
    // then the deadline ends the wait with an explicit abort
    BaseStation.RsuAggregate aggregate =
        f.baseStation().expectMessageClass(BaseStation.RsuAggregate.class, Duration.ofSeconds(3));
    assertEquals(0, aggregate.samples());
    assertEquals(0, aggregate.parameters().length);
    assertEquals(List.of(), aggregate.contributors());
  }
}
