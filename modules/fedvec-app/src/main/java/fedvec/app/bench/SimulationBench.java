package fedvec.app.bench;

import com.typesafe.config.Config;
import fedvec.app.output.RunLogging;
import fedvec.cluster.clock.EpisodeMetrics;
import fedvec.cluster.clock.RunEvent;
import fedvec.cluster.node.EmbeddedCluster;
import fedvec.cluster.node.RunSession;
import fedvec.cluster.settings.FedvecConfig;
import fedvec.cluster.settings.RunSpec;
import fedvec.cluster.settings.RunSpecLoader;
import fedvec.cluster.traffic.Link;
import fedvec.cluster.traffic.TrafficTally;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Issue 6, cases d-g, on whole simulations of the default scenario on an embedded node (the {@code
 * bin/fedvec run} code path, every actor and message real):
 *
 * <ul>
 *   <li>d: an inference-only slot (vehicles act and store transitions, nobody trains) against the
 *       same computation in {@link PlainSlotLoop};
 *   <li>e: an episode with training, for growing numbers of vehicles;
 *   <li>f: one federated round (RSU and BS aggregation and distribution);
 *   <li>g: heap per vehicle, after a full GC at the end of the trained episode.
 * </ul>
 *
 * A slot's time comes from two runs that differ only in their slots per episode: (episode time of
 * the long run - that of the short run) / (slot difference); what is left of the short run's
 * episode time is its round.
 */
final class SimulationBench {
  private final boolean quick;

  SimulationBench(boolean quick) {
    this.quick = quick;
  }

  /** What one run gave: the episodes after the first, and heap and RSS after a GC at each end. */
  private record Result(
      List<EpisodeMetrics> episodes, List<TrafficTally> traffic, long heapBytes, long rssBytes) {}

  void run(BenchReport report) throws Exception {
    warmUp();
    inferenceAndRounds(report);
    training(report);
  }

  private void warmUp() throws Exception {
    run(
        Map.of(
            "scenario.vehicles.count", "20", "run.slots-per-episode", "10", "run.episodes", "2"));
  }

  private void inferenceAndRounds(BenchReport report) throws Exception {
    int shortSlots = 5;
    int longSlots = 40; // 35 slots of difference: well above the noise of the episode-end round
    for (int vehicles : quick ? new int[] {50, 100} : new int[] {50, 100, 500, 1000}) {
      Map<String, String> inference = new HashMap<>();
      inference.put("scenario.vehicles.count", Integer.toString(vehicles));
      inference.put("learning.train-every-slots", "1000"); // nobody trains within an episode
      inference.put("run.episodes", quick ? "2" : "4");
      inference.put("run.slots-per-episode", Integer.toString(shortSlots));
      Result shortRun = run(inference);
      inference.put("run.slots-per-episode", Integer.toString(longSlots));
      Result longRun = run(inference);
      double[] slotNs = new double[longRun.episodes().size()];
      double[] roundNs = new double[longRun.episodes().size()];
      for (int i = 0; i < slotNs.length; i++) {
        double longMs = longRun.episodes().get(i).wallMs();
        double shortMs = shortRun.episodes().get(i).wallMs();
        slotNs[i] = (longMs - shortMs) / (longSlots - shortSlots) * 1e6;
        roundNs[i] = shortMs * 1e6 - shortSlots * slotNs[i];
      }
      Stats actorSlot = Stats.of(slotNs);
      if (vehicles == 100 || vehicles == 1000 || quick) {
        Stats plainSlot = plainSlot(inference);
        report.timing(
            "d. inference slot, " + vehicles + " vehicles, actors",
            actorSlot,
            "ms",
            "embedded node, " + (slotNs.length) + " episodes of " + longSlots + " - " + shortSlots);
        report.timing(
            "d. inference slot, " + vehicles + " vehicles, plain loop",
            plainSlot,
            "ms",
            "one thread, no messages");
        report.figure(
            "d. actor-layer overhead, " + vehicles + " vehicles",
            actorSlot.medianNs() / plainSlot.medianNs(),
            "x",
            "actor slot / plain slot (target <= 1.3 at 1,000)");
      }
      if (vehicles == 50 || vehicles == 500 || quick) {
        Stats round = Stats.of(roundNs);
        if (round.medianNs() > 0) {
          report.timing(
              "f. federated round, " + vehicles + " vehicles",
              round,
              "ms",
              "hafmaddpg: collect, aggregate at RSU and BS, distribute");
        } else { // the short episode minus its slots: noise in the slots can exceed the round
          report.figure(
              "f. federated round, " + vehicles + " vehicles",
              Double.NaN,
              "ms",
              "below what the slot-difference method resolves in this run (p90 "
                  + Math.round(round.p90Ns() / 1e6)
                  + " ms)");
        }
        TrafficTally traffic = shortRun.traffic().get(shortRun.traffic().size() - 1);
        report.figure(
            "f. federated round, " + vehicles + " vehicles, RSU<->BS",
            traffic.bytes(Link.RSU_TO_BS) + traffic.bytes(Link.BS_TO_RSU),
            "bytes",
            "serialized, both directions");
      }
    }
  }

  private Stats plainSlot(Map<String, String> inference) {
    RunSpec spec = RunSpecLoader.load(FedvecConfig.load(null, null, inference));
    try (PlainSlotLoop loop = new PlainSlotLoop(spec)) {
      loop.episode(1); // warm-up
      List<Double> samples = new ArrayList<>();
      for (int episode = 2; episode <= (quick ? 2 : 3); episode++) {
        for (double ns : loop.episode(episode)) {
          samples.add(ns);
        }
      }
      return Stats.of(samples.stream().mapToDouble(Double::doubleValue).toArray());
    }
  }

  private void training(BenchReport report) throws Exception {
    int[] counts = quick ? new int[] {10, 100} : new int[] {10, 100, 1000};
    double[] episodeMs = new double[counts.length];
    long[] heap = new long[counts.length];
    long[] rss = new long[counts.length];
    for (int i = 0; i < counts.length; i++) {
      Map<String, String> training = new HashMap<>();
      training.put("scenario.vehicles.count", Integer.toString(counts[i]));
      training.put("run.episodes", "3"); // the third trains in every slot
      training.put("run.slots-per-episode", quick ? "20" : "100");
      if (quick) {
        training.put("learning.batch-size", "16");
      }
      Result result = run(training);
      EpisodeMetrics last = result.episodes().get(result.episodes().size() - 1);
      episodeMs[i] = last.wallMs();
      heap[i] = result.heapBytes();
      rss[i] = result.rssBytes();
      report.figure(
          "e. trained episode, " + counts[i] + " vehicles",
          episodeMs[i],
          "ms",
          "hafmaddpg, episode 3 of 3, "
              + training.get("run.slots-per-episode")
              + " slots, every vehicle trains every slot, round included");
    }
    int last = counts.length - 1;
    report.figure(
        "e. growth, " + counts[last] + " vs " + counts[last - 1] + " vehicles",
        episodeMs[last] / episodeMs[last - 1],
        "x",
        "episode time ratio for " + (counts[last] / counts[last - 1]) + "x the vehicles");
    report.figure(
        "g. heap per vehicle",
        (heap[last] - heap[0]) / (double) (counts[last] - counts[0]) / 1024.0,
        "KiB",
        "after full GC at the end of episode 3, (heap("
            + counts[last]
            + ") - heap("
            + counts[0]
            + ")) / vehicles");
    report.figure(
        "g. resident memory per vehicle",
        (rss[last] - rss[0]) / (double) (counts[last] - counts[0]) / 1024.0,
        "KiB",
        "process RSS, includes libtorch's native tensors");
  }

  private Result run(Map<String, String> overrides) throws Exception {
    Config config = FedvecConfig.load(null, null, overrides);
    RunSpec spec = RunSpecLoader.load(config);
    Path logs = Files.createTempDirectory("fedvec-bench-");
    List<EpisodeMetrics> episodes = new ArrayList<>();
    List<TrafficTally> traffic = new ArrayList<>();
    long heap = 0;
    long rss = 0;
    try (RunLogging logging = new RunLogging(logs)) {
      ActorSystem<Void> system = EmbeddedCluster.start(config, Duration.ofSeconds(60));
      try {
        RunSession session = RunSession.start(system, spec, 1, Duration.ofSeconds(60));
        while (true) {
          RunEvent event = session.next(Duration.ofMinutes(10));
          if (event instanceof RunEvent.EpisodeCompleted completed) {
            if (completed.metrics().episode() > 1) { // the first episode warms the run up
              episodes.add(completed.metrics());
              traffic.add(completed.traffic());
            }
            if (completed.metrics().episode() == spec.run().episodes()) {
              System.gc();
              heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
              rss = residentBytes();
            }
          } else if (event instanceof RunEvent.RunCompleted) {
            break;
          } else if (event instanceof RunEvent.RunFailed failed) {
            throw new IllegalStateException("bench run failed: " + failed.reason());
          }
        }
      } finally {
        EmbeddedCluster.stop(system);
      }
    } finally {
      try (var files = Files.walk(logs)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
    return new Result(episodes, traffic, heap, rss);
  }

  /** The process's resident set (Linux /proc), 0 where it cannot be read. */
  private static long residentBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (Exception e) {
      return 0;
    }
    return 0;
  }
}
