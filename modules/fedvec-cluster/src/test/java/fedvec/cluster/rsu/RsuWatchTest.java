package fedvec.cluster.rsu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fedvec.cluster.clock.SimulationClock;
import fedvec.cluster.settings.FedvecConfig;
import fedvec.cluster.settings.RunSpec;
import fedvec.cluster.settings.RunSpecLoader;
import fedvec.cluster.vehicle.Vehicle;
import fedvec.model.offload.Decision;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** G3: a vehicle that stops counts as a failure at once, not at the (here 60 s) deadline. */
class RsuWatchTest {
  private static final ActorTestKit testKit =
      ActorTestKit.create(FedvecConfig.load(null, null, Map.of()));

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @Test
  void aVehicleThatStopsMidSlotNoLongerHoldsTheSlot() {
    // given one RSU serving all three vehicles, probes standing in for their mailboxes
    RunSpec spec =
        RunSpecLoader.load(
            FedvecConfig.load(
                null,
                null,
                Map.of(
                    "scenario.vehicles.count", "3",
                    "scenario.rsus.count", "1",
                    "fl.slot-timeout", "60s")));
    List<TestProbe<Vehicle.Command>> mailboxes =
        IntStream.range(0, 3).mapToObj(i -> testKit.<Vehicle.Command>createTestProbe()).toList();
    // each vehicle's own reference (which the RSU watches, and uses once it knows it) forwards to
    // its probe
    List<ActorRef<Vehicle.Command>> vehicles =
        IntStream.range(0, 3)
            .mapToObj(
                i ->
                    testKit.spawn(
                        Behaviors.<Vehicle.Command>receiveMessage(
                            message -> {
                              mailboxes.get(i).ref().tell(message);
                              return Behaviors.same();
                            })))
            .toList();
    ActorRef<Rsu.Command> rsu = testKit.spawn(Rsu.create(spec, 0, id -> mailboxes.get(id).ref()));
    TestProbe<SimulationClock.Command> clock = testKit.createTestProbe();

    // when a slot opens and every vehicle decides
    rsu.tell(new Rsu.BeginSlot(1, 0, clock.ref()));
    for (int v = 0; v < 3; v++) {
      Vehicle.Observe observe = mailboxes.get(v).expectMessageClass(Vehicle.Observe.class);
      observe.replyTo().tell(new Rsu.VehicleDecision(1, 0, Decision.idle(v), vehicles.get(v)));
    }
    // and two acknowledge their outcome while the third vehicle stops instead
    for (int v = 0; v < 3; v++) {
      Vehicle.Outcome outcome = mailboxes.get(v).expectMessageClass(Vehicle.Outcome.class);
      if (v < 2) {
        outcome.replyTo().tell(new Rsu.SlotAck(1, 0, v));
      }
    }
    testKit.stop(vehicles.get(2));

    // then the slot ends right away
    SimulationClock.SlotDone done =
        clock.expectMessageClass(SimulationClock.SlotDone.class, Duration.ofSeconds(5));
    assertEquals(0, done.deadlineMisses());
  }
}
