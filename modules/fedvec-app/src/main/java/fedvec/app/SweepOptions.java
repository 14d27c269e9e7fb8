package fedvec.app;

import fedvec.app.sweep.SweepPlan;
import fedvec.app.sweep.SweepResults;
import fedvec.app.sweep.SweepRunner;
import fedvec.cluster.settings.InvalidSettingException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** What every sweep command takes ({@code fedvec sweep}, {@code fedvec reproduce}) and does. */
final class SweepOptions {
  @Option(
      names = "--parallel",
      paramLabel = "P",
      description =
          "Runs at a time (default: cores / 2, at least 1; each run trains on 2 threads).")
  Integer parallel;

  @Option(names = "--episodes", paramLabel = "N", description = "Episodes of every run.")
  Integer episodes;

  @Option(names = "--slots", paramLabel = "N", description = "Slots per episode of every run.")
  Integer slots;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "A setting of every run, e.g. --set learning.exploration.decay-episodes=15.")
  Map<String, String> sets = new LinkedHashMap<>();

  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  /** The outcome of a sweep's runs. */
  record Outcome(SweepResults results, List<SweepPlan.Run> failed) {}

  /**
   * {@code base} run flags with these options': --episodes and --slots replace those in base,
   * {@code settings} and then --set are added.
   */
  List<String> runArgs(List<String> base, Map<String, String> settings) {
    if (parallel != null && parallel < 1) {
      throw new InvalidSettingException(
          "--parallel", "must be a positive integer, got " + parallel);
    }
    List<String> args = new ArrayList<>(base);
    override(args, "--episodes", episodes);
    override(args, "--slots", slots);
    allSettings(settings).forEach((k, v) -> args.addAll(List.of("--set", k + "=" + v)));
    return args;
  }

  /** {@code settings}, then the --set ones over them. */
  Map<String, String> allSettings(Map<String, String> settings) {
    Map<String, String> all = new LinkedHashMap<>(settings);
    all.putAll(sets);
    return all;
  }

  /** Runs what is not done yet, then writes results.csv and the comparison plots. */
  Outcome execute(SweepPlan plan, Path directory) throws Exception {
    int workers =
        parallel != null ? parallel : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    List<SweepPlan.Run> failed = new SweepRunner(plan, directory, workers, !quiet).run();
    SweepResults results = SweepResults.read(plan, directory);
    results.writeCsv(directory.resolve("results.csv"));
    Path plots = directory.resolve("plots");
    results.plotAgainstValues(
        plots.resolve("final_cost.png"),
        "final total cost vs " + plan.param(),
        "final cost",
        SweepResults.Row::finalCost);
    results.plotAgainstValues(
        plots.resolve("final_reward.png"),
        "final reward vs " + plan.param(),
        "final reward per vehicle",
        SweepResults.Row::finalReward);
    results.plotAgainstValues(
        plots.resolve("bytes_to_bs.png"),
        "bytes reaching the base station per episode",
        "bytes",
        SweepResults.Row::bytesToBs);
    return new Outcome(results, failed);
  }

  /** Prints the failed runs; returns the exit code (0 when none failed). */
  static int report(Outcome outcome, SweepPlan plan, Path directory, PrintWriter console) {
    for (SweepPlan.Run run : outcome.failed()) {
      console.printf(
          "failed: %s=%s %s seed %d (log in %s)%n",
          plan.param(), run.value(), run.algorithm(), run.seed(), directory.resolve("logs"));
    }
    console.flush();
    return outcome.failed().isEmpty() ? 0 : 1;
  }

  private static void override(List<String> args, String flag, Integer value) {
    if (value == null) {
      return;
    }
    if (value < 1) {
      throw new InvalidSettingException(flag, "must be a positive integer, got " + value);
    }
    int at = args.indexOf(flag);
    if (at >= 0) {
      args.set(at + 1, value.toString());
    } else {
      args.addAll(List.of(flag, value.toString()));
    }
  }
}
