package fedvec.app;

import com.typesafe.config.Config;
import fedvec.app.node.NodeOptions;
import fedvec.app.output.Checkpoint;
import fedvec.cluster.node.FedvecNode;
import fedvec.cluster.settings.FedvecConfig;
import fedvec.cluster.settings.InvalidSettingException;
import fedvec.cluster.settings.RunSpec;
import fedvec.cluster.settings.RunSpecLoader;
import fedvec.learning.algorithm.Algorithm;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fedvec run}: one simulation on an embedded one-node cluster, with all its outputs. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "Runs a scenario with an algorithm on an embedded one-node Pekko cluster (loopback) and"
            + " writes metrics.csv, aggregation.jsonl, summary.json, plots/reward.png,"
            + " plots/cost.png and run.log.")
final class RunCommand implements Callable<Integer> {
  static final int BAD_INPUT = 2;

  @Spec CommandSpec spec;

  @Option(
      names = "--scenario",
      paramLabel = "NAME",
      description = "Scenario name (cluster-config/scenarios). Default: hafmaddpg.")
  String scenario;

  @Option(
      names = "--algorithm",
      paramLabel = "NAME",
      description =
          "hafmaddpg (default), fedavg-maddpg, trimmed-maddpg, maddpg (centralized), local-only,"
              + " nearest-rsu or random.")
  String algorithm;

  @Option(
      names = "--vehicles",
      paramLabel = "N",
      description = "Number of vehicle agents (default 10).")
  Integer vehicles;

  @Option(names = "--rsus", paramLabel = "N", description = "Number of RSUs (default 4).")
  Integer rsus;

  @Option(
      names = "--episodes",
      paramLabel = "N",
      description = "Episodes; one federated round ends each (default 100).")
  Integer episodes;

  @Option(names = "--slots", paramLabel = "N", description = "Slots per episode (default 100).")
  Integer slots;

  @Option(names = "--seed", paramLabel = "S", description = "Master seed (default 1).")
  Long seed;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Output directory (default runs/<scenario>-<algorithm>-<time>); must not exist.")
  Path out;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Extra HOCON file layered over the defaults.")
  Path configFile;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Override one setting, e.g. --set learning.batch-size=64 (repeatable).")
  Map<String, String> sets = new LinkedHashMap<>();

  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  @Option(
      names = "--checkpoint-every",
      paramLabel = "N",
      description = "Write a checkpoint (global model, episode, settings) every N episodes.")
  Integer checkpointEvery;

  @Option(
      names = "--resume",
      paramLabel = "DIR",
      description =
          "Continue the unfinished run DIR (its --out) from its last checkpoint, with its settings.")
  Path resume;

  @Option(
      names = "--cluster",
      description =
          "Run as the coordinator of a multi-node cluster (default: one embedded node, all roles).")
  boolean cluster;

  @Option(
      names = "--min-nodes",
      paramLabel = "N",
      description =
          "With --cluster: nodes (this one included) that must be Up before the run starts.")
  int minNodes = 1;

  @Option(
      names = "--join-timeout",
      paramLabel = "SECONDS",
      description = "With --cluster: how long to wait for --min-nodes nodes (default 120).")
  int joinTimeoutSeconds = 120;

  @Mixin NodeOptions node = new NodeOptions();

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    RunSpec runSpec;
    Config config;
    RunDirectory directory;
    try {
      if (resume != null) {
        return resume(err);
      }
      Map<String, String> overrides = overrides();
      if (cluster) {
        overrides.putAll(node.overrides(List.of(FedvecNode.COORDINATOR, FedvecNode.RSU), 2551));
      }
      config = FedvecConfig.load(scenario, configFile, overrides);
      runSpec = RunSpecLoader.load(config);
      directory = RunDirectory.reserve(out != null ? out : defaultDirectory(runSpec));
    } catch (InvalidSettingException e) {
      err.println("fedvec run: " + e.getMessage());
      return BAD_INPUT;
    }
    Simulation.Deployment deployment =
        new Simulation.Deployment(cluster, minNodes, Duration.ofSeconds(joinTimeoutSeconds));
    return new Simulation(
            runSpec, config, directory, deployment, !quiet, spec.commandLine().getOut(), err)
        .run();
  }

  /** Continues an unfinished run from its last checkpoint. */
  private int resume(PrintWriter err) throws Exception {
    if (scenario != null
        || algorithm != null
        || vehicles != null
        || rsus != null
        || episodes != null
        || slots != null
        || seed != null
        || out != null
        || configFile != null
        || !sets.isEmpty()
        || checkpointEvery != null) {
      throw new InvalidSettingException(
          "--resume",
          "continues a run with its own settings; only --quiet and the cluster flags apply");
    }
    RunDirectory directory = RunDirectory.unfinished(resume);
    Checkpoint checkpoint =
        Checkpoint.latest(directory.work())
            .orElseThrow(
                () ->
                    new InvalidSettingException(
                        "--resume",
                        "the unfinished run in " + directory.work() + " has no checkpoint"));
    Path settings = Files.createTempFile("fedvec-resume-", ".conf");
    Files.writeString(settings, checkpoint.config());
    Map<String, String> overrides = new LinkedHashMap<>();
    if (cluster) {
      overrides.putAll(node.overrides(List.of(FedvecNode.COORDINATOR, FedvecNode.RSU), 2551));
    }
    Config config = FedvecConfig.load(null, settings, overrides);
    Files.delete(settings);
    RunSpec runSpec =
        RunSpecLoader.load(config)
            .resumedAt(new RunSpec.ResumePoint(checkpoint.episode(), checkpoint.globalModel()));
    checkpoint.truncateOutputs(directory.work());
    spec.commandLine()
        .getOut()
        .printf("resuming %s after episode %d%n", directory.target(), checkpoint.episode());
    return new Simulation(
            runSpec,
            config,
            directory,
            new Simulation.Deployment(cluster, minNodes, Duration.ofSeconds(joinTimeoutSeconds)),
            !quiet,
            spec.commandLine().getOut(),
            err)
        .run();
  }

  /** The flags as config overrides; the flags are checked here so errors name them. */
  private Map<String, String> overrides() {
    if (!cluster && node.anyClusterFlag()) {
      throw new InvalidSettingException(
          "--cluster", "--port, --seed-nodes and --roles only apply with --cluster");
    }
    if (minNodes < 1 || (!cluster && minNodes != 1)) {
      throw new InvalidSettingException(
          "--min-nodes", "must be 1 without --cluster, at least 1 with it; got " + minNodes);
    }
    if (joinTimeoutSeconds < 1) {
      throw new InvalidSettingException(
          "--join-timeout", "must be a positive number of seconds, got " + joinTimeoutSeconds);
    }
    Map<String, String> all = new LinkedHashMap<>(sets);
    if (algorithm != null) {
      if (Algorithm.byId(algorithm).isEmpty()) {
        throw new InvalidSettingException(
            "--algorithm", "unknown algorithm '" + algorithm + "'; allowed: " + Algorithm.ids());
      }
      all.put("run.algorithm", algorithm);
    }
    if (scenario != null && !FedvecConfig.scenarioNames().contains(scenario)) {
      throw new InvalidSettingException(
          "--scenario",
          "unknown scenario '" + scenario + "'; allowed: " + FedvecConfig.scenarioNames());
    }
    putPositive(all, "--vehicles", vehicles, "scenario.vehicles.count");
    putPositive(all, "--rsus", rsus, "scenario.rsus.count");
    putPositive(all, "--episodes", episodes, "run.episodes");
    putPositive(all, "--slots", slots, "run.slots-per-episode");
    if (seed != null) {
      all.put("run.seed", seed.toString());
    }
    if (checkpointEvery != null) {
      if (checkpointEvery < 1) {
        throw new InvalidSettingException(
            "--checkpoint-every", "must be a positive integer, got " + checkpointEvery);
      }
      all.put("run.checkpoint-every", checkpointEvery.toString());
    }
    return all;
  }

  private static void putPositive(Map<String, String> all, String flag, Integer value, String key) {
    if (value == null) {
      return;
    }
    if (value < 1) {
      throw new InvalidSettingException(flag, "must be a positive integer, got " + value);
    }
    all.put(key, value.toString());
  }

  private static Path defaultDirectory(RunSpec spec) {
    String time = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    return Path.of("runs", spec.run().scenario() + "-" + spec.run().algorithm() + "-" + time);
  }
}
