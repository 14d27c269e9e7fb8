package fedvec.cluster.node;

import com.typesafe.config.Config;
import fedvec.cluster.clock.EpisodeMetrics;
import fedvec.cluster.clock.RunEvent;
import fedvec.cluster.settings.FedvecConfig;
import fedvec.cluster.settings.RunSpecLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorSystem;

/** Runs a whole simulation on an embedded node, for tests. */
final class EmbeddedRuns {
  private EmbeddedRuns() {}

  static List<EpisodeMetrics> run(Map<String, String> overrides) throws Exception {
    Map<String, String> all = new HashMap<>(overrides);
    // every message between actors is serialised and deserialised, as it would be across nodes
    all.put("pekko.actor.serialize-messages", "on");
    Config config = FedvecConfig.load(null, null, all);
    ActorSystem<Void> system = EmbeddedCluster.start(config, Duration.ofSeconds(30));
    try {
      RunSession session =
          RunSession.start(system, RunSpecLoader.load(config), 1, Duration.ofSeconds(30));
      List<EpisodeMetrics> episodes = new ArrayList<>();
      while (true) {
        RunEvent event = session.next(Duration.ofSeconds(120));
        if (event instanceof RunEvent.EpisodeCompleted completed) {
          episodes.add(completed.metrics());
        } else if (event instanceof RunEvent.RunCompleted) {
          return episodes;
        } else if (event instanceof RunEvent.RunFailed failed) {
          throw new AssertionError(failed.reason());
        }
      }
    } finally {
      EmbeddedCluster.stop(system);
    }
  }
}
