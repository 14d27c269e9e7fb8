package fedvec.cluster.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import fedvec.cluster.node.EmbeddedCluster;
import fedvec.cluster.node.FedvecNode;
import fedvec.cluster.settings.FedvecConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * G8: with cluster-config/tls.conf, nodes holding a certificate from the cluster's CA (made by
 * deploy/gen-certs.sh) form the cluster; a node whose certificate another CA signed cannot join.
 */
class TlsTest {
  private static final Path ROOT = Path.of("../..");

  @TempDir Path dir;

  private void certificates(Path certs, String... nodes) throws Exception {
    for (String node : nodes) {
      Process p =
          new ProcessBuilder(ROOT.resolve("deploy/gen-certs.sh").toString(), certs.toString(), node)
              .redirectErrorStream(true)
              .start();
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes()));
    }
  }

  /** cluster-config/tls.conf with its environment variables given, over the node defaults. */
  private static Config tlsNode(Path certs, String node) {
    Config variables =
        ConfigFactory.parseMap(
            Map.of(
                "FEDVEC_TLS_DIR",
                certs.toString(),
                "FEDVEC_TLS_NODE",
                node,
                "FEDVEC_TLS_PASSWORD",
                "changeit"));
    Config tls =
        ConfigFactory.parseFile(ROOT.resolve("cluster-config/tls.conf").toFile())
            .resolveWith(variables);
    return tls.withFallback(FedvecConfig.load(null, null, Map.of())).resolve();
  }

  private static boolean upWithin(ActorSystem<?> system, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (Cluster.get(system).selfMember().status() == MemberStatus.up()) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }

  @Test
  void onlyNodesWithTheClustersCertificateJoin() throws Exception {
    Path cluster = dir.resolve("cluster");
    Path rogue = dir.resolve("rogue");
    certificates(cluster, "node-a", "node-b");
    certificates(rogue, "intruder");
    Config a = tlsNode(cluster, "node-a");
    assertEquals("tls-tcp", a.getString("pekko.remote.artery.transport"));

    ActorSystem<Void> first = EmbeddedCluster.start(a, Duration.ofSeconds(30));
    ActorSystem<Void> second = FedvecNode.start(tlsNode(cluster, "node-b"));
    ActorSystem<Void> intruder = FedvecNode.start(tlsNode(rogue, "intruder"));
    try {
      // when a node with the cluster's certificate and one with another CA's ask to join
      var seed = Cluster.get(first).selfMember().address();
      Cluster.get(second).manager().tell(Join.create(seed));
      Cluster.get(intruder).manager().tell(Join.create(seed));
      // then the first forms the cluster with the seed, the other never gets in
      assertTrue(upWithin(second, Duration.ofSeconds(30)), "node with the cluster's certificate");
      assertTrue(
          !upWithin(intruder, Duration.ofSeconds(10)), "node with a foreign certificate joined");
      assertNotEquals(MemberStatus.up(), Cluster.get(intruder).selfMember().status());
      int members = 0;
      for (var member : Cluster.get(first).state().getMembers()) {
        members++;
      }
      assertEquals(2, members);
    } finally {
      EmbeddedCluster.stop(intruder);
      EmbeddedCluster.stop(second);
      EmbeddedCluster.stop(first);
    }
  }
}
