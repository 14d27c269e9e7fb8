package fedvec.cluster.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import fedvec.cluster.bs.BaseStation;
import fedvec.cluster.settings.FedvecConfig;
import fedvec.cluster.traffic.TrafficTally;
import fedvec.learning.parameters.ParameterVector;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.Test;

/**
 * A model far beyond Artery's default 256 KiB frame (500,000 float32 parameters, 2 MB) crosses
 * between two cluster nodes with the frame size of cluster-config/node.conf.
 */
class LargeModelTest {

  @Test
  void aHalfMillionParameterModelCrossesNodes() throws Exception {
    Config config = FedvecConfig.load(null, null, Map.of());
    ActorSystem<Void> first = EmbeddedCluster.start(config, Duration.ofSeconds(30));
    ActorSystem<Void> second = FedvecNode.start(config);
    try {
      // given two nodes of one cluster
      Cluster.get(second).manager().tell(Join.create(Cluster.get(first).selfMember().address()));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (Cluster.get(second).selfMember().status() != MemberStatus.up()) {
        assert System.nanoTime() < deadline : "second node not Up";
        Thread.sleep(50);
      }
      CompletableFuture<BaseStation.RsuAggregate> received = new CompletableFuture<>();
      ActorRef<BaseStation.Command> receiver =
          first.systemActorOf(
              Behaviors.receive(BaseStation.Command.class)
                  .onMessage(
                      BaseStation.RsuAggregate.class,
                      m -> {
                        received.complete(m);
                        return Behaviors.same();
                      })
                  .build(),
              "receiver",
              org.apache.pekko.actor.typed.Props.empty());
      // the receiver as the second node sees it: a remote reference
      ActorRef<BaseStation.Command> remote =
          ActorRefResolver.get(second)
              .resolveActorRef(ActorRefResolver.get(first).toSerializationFormat(receiver));

      // when the second node sends an aggregate of 500,000 parameters
      float[] values = new float[500_000];
      SplittableRandom random = new SplittableRandom(1);
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) random.nextGaussian();
      }
      byte[] model = new ParameterVector(1, values).toBytes();
      remote.tell(
          new BaseStation.RsuAggregate(
              1, 0, model, -1.0, 30, List.of(1, 2, 3), null, TrafficTally.empty(), 0, null));

      // then it arrives whole
      BaseStation.RsuAggregate arrived = received.get(30, TimeUnit.SECONDS);
      assertEquals(2_000_000, arrived.parameters().length);
      assertArrayEquals(model, arrived.parameters());
    } finally {
      EmbeddedCluster.stop(second);
      EmbeddedCluster.stop(first);
    }
  }
}
