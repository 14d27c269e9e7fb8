package fedvec.app;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import fedvec.app.node.NodeLauncher;
import fedvec.app.output.AggregationJsonl;
import fedvec.app.output.Checkpoint;
import fedvec.app.output.MetricsCsv;
import fedvec.app.output.Plots;
import fedvec.app.output.RunLogging;
import fedvec.app.output.RunSummary;
import fedvec.app.output.TrafficCsv;
import fedvec.cluster.clock.EpisodeMetrics;
import fedvec.cluster.clock.RunEvent;
import fedvec.cluster.node.DeadLetterWatch;
import fedvec.cluster.node.EmbeddedCluster;
import fedvec.cluster.node.RunSession;
import fedvec.cluster.settings.RunSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Runs one simulation from this node (the embedded one, or the coordinator of a cluster) and writes
 * its outputs into its run directory.
 */
final class Simulation {
  /**
   * How the run is deployed.
   *
   * @param cluster false: one embedded node; true: this node coordinates a cluster
   * @param minNodes nodes that must host the run before it starts
   * @param joinTimeout how long to wait for them
   */
  record Deployment(boolean cluster, int minNodes, Duration joinTimeout) {}

  private final RunSpec spec;
  private final Config config;
  private final RunDirectory directory;
  private final Deployment deployment;
  private final boolean progress;
  private final PrintWriter out;
  private final PrintWriter err;

  Simulation(
      RunSpec spec,
      Config config,
      RunDirectory directory,
      Deployment deployment,
      boolean progress,
      PrintWriter out,
      PrintWriter err) {
    this.spec = spec;
    this.config = config;
    this.directory = directory;
    this.deployment = deployment;
    this.progress = progress;
    this.out = out;
    this.err = err;
  }

  int run() throws Exception {
    Path work = directory.work();
    long start = System.nanoTime();
    boolean resumed = spec.resume() != null;
    long lostMessages;
    try (RunLogging logging = new RunLogging(work);
        MetricsCsv metrics = new MetricsCsv(work.resolve("metrics.csv"), resumed);
        AggregationJsonl aggregations =
            new AggregationJsonl(work.resolve("aggregation.jsonl"), resumed);
        TrafficCsv traffic = new TrafficCsv(work.resolve("traffic.csv"), resumed)) {
      ActorSystem<Void> system =
          deployment.cluster()
              ? NodeLauncher.start(config)
              : EmbeddedCluster.start(config, Duration.ofSeconds(60));
      RunSession session = null;
      DeadLetterWatch deadLetters = DeadLetterWatch.start(system);
      try (ProgressBar bar = progressBar()) {
        session = RunSession.start(system, spec, deployment.minNodes(), deployment.joinTimeout());
        while (true) {
          RunEvent event = session.next(progressTimeout());
          if (event instanceof RunEvent.EpisodeCompleted completed) {
            EpisodeMetrics episode = completed.metrics();
            metrics.write(episode);
            aggregations.write(completed.aggregations());
            traffic.write(episode.episode(), completed.traffic());
            checkpointIfDue(work, episode.episode(), completed.globalModel());
            if (bar != null) {
              bar.step();
              bar.setExtraMessage(String.format(" cost %.1f", episode.tally().cost()));
            }
          } else if (event instanceof RunEvent.RunCompleted) {
            break;
          } else if (event instanceof RunEvent.RunFailed failed) {
            throw new IllegalStateException(failed.reason());
          }
        }
      } catch (Exception e) {
        err.println("fedvec run: failed: " + e.getMessage());
        err.println("partial outputs and run.log are in " + work);
        return 1;
      } finally {
        if (session != null) {
          session.shutdownNodes(Duration.ofSeconds(20));
        }
        EmbeddedCluster.stop(system);
      }
      lostMessages = deadLetters.lost();
    }
    double wallSeconds = (System.nanoTime() - start) / 1e9;
    List<EpisodeMetrics> episodes = MetricsCsv.read(work.resolve("metrics.csv"), spec.vehicles());
    Plots.write(work.resolve("plots"), title(), episodes);
    Map<String, Long> rejected =
        AggregationJsonl.rejectedByReason(work.resolve("aggregation.jsonl"));
    summary(episodes, rejected, lostMessages, wallSeconds).write(work.resolve("summary.json"));
    directory.commit();
    long lines = Files.lines(directory.target().resolve("aggregation.jsonl")).count();
    out.printf(
        "%s on %s: %d episodes, %d vehicles, final_cost %.3f (mean of the last %d episodes), %d"
            + " aggregations, %.1f s%n",
        spec.run().algorithm(),
        spec.run().scenario(),
        episodes.size(),
        spec.vehicles(),
        RunSummary.finalCost(episodes),
        RunSummary.tailLength(episodes.size()),
        lines,
        wallSeconds);
    out.println("outputs in " + directory.target());
    out.flush();
    return 0;
  }

  /**
   * Every {@code checkpoint-every} episodes: the global model, the episode and the settings (G9).
   */
  private void checkpointIfDue(Path work, int episode, byte[] globalModel) throws IOException {
    int every = spec.run().checkpointEvery();
    if (every > 0 && episode % every == 0) {
      new Checkpoint(episode, globalModel, Checkpoint.settingsOf(config)).write(work);
    }
  }

  private ProgressBar progressBar() {
    if (!progress) {
      return null;
    }
    return new ProgressBarBuilder()
        .setTaskName(spec.run().algorithm())
        .setInitialMax(spec.run().episodes())
        .setUnit(" episodes", 1)
        .setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(500)
        .showSpeed()
        .build();
  }

  /** The clock makes progress through its own deadlines; this only guards against a lost clock. */
  private Duration progressTimeout() {
    return Duration.ofMillis(
        2L * spec.run().slotsPerEpisode() * spec.fl().slotTimeoutMs()
            + 2L * spec.fl().bsTimeoutMs()
            + 60_000);
  }

  private String title() {
    return spec.run().algorithm() + ", " + spec.vehicles() + " vehicles, seed " + spec.run().seed();
  }

  private RunSummary summary(
      List<EpisodeMetrics> episodes,
      Map<String, Long> rejected,
      long deadLetters,
      double wallSeconds)
      throws Exception {
    Map<String, String> versions = new LinkedHashMap<>();
    versions.put("fedvec", "0.1.0");
    versions.put("java", System.getProperty("java.version"));
    versions.put("pekko", org.apache.pekko.Version.current());
    versions.put("djl", ai.djl.engine.Engine.getDjlVersion());
    return new RunSummary(
        spec.run().scenario(),
        spec.run().algorithm(),
        spec.run().seed(),
        spec.vehicles(),
        spec.rsus(),
        episodes.size(),
        spec.run().slotsPerEpisode(),
        RunSummary.finalCost(episodes),
        RunSummary.finalReward(episodes),
        episodes.stream().mapToLong(e -> e.tally().tasks()).sum(),
        episodes.stream().mapToLong(e -> e.tally().failed()).sum(),
        episodes.stream().filter(e -> e.round().equals("committed")).count(),
        episodes.stream().filter(e -> e.round().equals("aborted")).count(),
        wallSeconds,
        episodes.stream().mapToLong(EpisodeMetrics::deadlineMisses).sum(),
        deadLetters,
        rejected,
        versions,
        RunSummary.parseJson(
            config.getConfig("fedvec").root().render(ConfigRenderOptions.concise())));
  }
}
