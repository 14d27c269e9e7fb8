package fedvec.app;

import fedvec.app.sweep.PaperFigure;
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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fedvec reproduce FIGURE}: one of paper 000's experiments, as a resumable sweep. */
@Command(
    name = "reproduce",
    mixinStandardHelpOptions = true,
    description =
        "Runs the experiment behind one of paper 000's figures (fig1..fig5) or a robustness study"
            + " (robustness-noise, robustness-scale, robustness-inflate-perf) for HAFMADDPG and its"
            + " baselines over several seeds, and writes FIGURE.png and FIGURE.csv (mean ± std"
            + " over seeds) beside the sweep's results.csv. Run again with the same --out to"
            + " resume.")
final class ReproduceCommand implements Callable<Integer> {
  /** The small version: a CI smoke test of the whole pipeline, not a result. */
  static final List<String> QUICK_RUN = List.of("--episodes", "3", "--slots", "10");

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FIGURE", description = "fig1..fig5 or robustness-KIND.")
  String figure;

  @Option(
      names = "--quick",
      description = "Two values (one for fig1/fig2), 1 seed, 3 episodes of 10 slots: for CI.")
  boolean quick;

  @Option(names = "--seeds", paramLabel = "K", description = "Seeds 1..K (default 3).")
  Integer seeds;

  @Option(names = "--episodes", paramLabel = "N", description = "Episodes of every run.")
  Integer episodes;

  @Option(names = "--slots", paramLabel = "N", description = "Slots per episode of every run.")
  Integer slots;

  @Option(
      names = "--parallel",
      paramLabel = "P",
      description = "Runs at a time (default: cores / 2, at least 1).")
  Integer parallel;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Output directory (default runs/reproduce-FIGURE).")
  Path out;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "A setting of every run, e.g. --set learning.exploration.decay-episodes=15.")
  Map<String, String> sets = new LinkedHashMap<>();

  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    PaperFigure chosen;
    SweepPlan plan;
    Path directory;
    try {
      chosen =
          PaperFigure.ALL.stream()
              .filter(f -> f.id().equals(figure))
              .findFirst()
              .orElseThrow(
                  () ->
                      new InvalidSettingException(
                          "FIGURE",
                          "unknown figure '" + figure + "'; allowed: " + PaperFigure.ids()));
      plan = plan(chosen);
      directory =
          (out != null
                  ? out
                  : Path.of("runs", "reproduce-" + chosen.id() + (quick ? "-quick" : "")))
              .toAbsolutePath()
              .normalize();
      SweepCommand.claim(directory, plan);
    } catch (InvalidSettingException e) {
      err.println("fedvec reproduce: " + e.getMessage());
      return RunCommand.BAD_INPUT;
    }
    int workers =
        parallel != null ? parallel : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    List<SweepPlan.Run> failed = new SweepRunner(plan, directory, workers, !quiet).run();
    SweepResults results = SweepResults.read(plan, directory);
    SweepCommand.write(results, plan, directory);
    Path picture = directory.resolve(chosen.id() + ".png");
    if (chosen.curves()) {
      results.plotEpisodes(
          picture,
          chosen.title(),
          "average reward per vehicle",
          plan.values().get(0),
          e -> e.tally().reward() / e.vehicles());
    } else {
      results.plotAgainstValues(
          picture, chosen.title(), "final total cost", SweepResults.Row::finalCost);
    }
    results.writeSummary(directory.resolve(chosen.id() + ".csv"));
    PrintWriter console = spec.commandLine().getOut();
    console.printf(
        "%s: %d of %d runs finished; %s and %s in %s%n",
        chosen.id(),
        results.rows().size(),
        plan.runs().size(),
        picture.getFileName(),
        chosen.id() + ".csv",
        directory);
    for (SweepPlan.Run run : failed) {
      console.printf(
          "failed: %s=%s %s seed %d (log in %s)%n",
          plan.param(), run.value(), run.algorithm(), run.seed(), directory.resolve("logs"));
    }
    console.flush();
    return failed.isEmpty() ? 0 : 1;
  }

  private SweepPlan plan(PaperFigure f) {
    int k = seeds != null ? seeds : quick ? 1 : 3;
    if (k < 1) {
      throw new InvalidSettingException("--seeds", "must be a positive integer, got " + k);
    }
    if (parallel != null && parallel < 1) {
      throw new InvalidSettingException(
          "--parallel", "must be a positive integer, got " + parallel);
    }
    List<String> runArgs = new ArrayList<>(quick ? QUICK_RUN : List.of());
    override(runArgs, "--episodes", episodes);
    override(runArgs, "--slots", slots);
    Map<String, String> settings = new LinkedHashMap<>();
    for (String setting : f.settings()) {
      int eq = setting.indexOf('=');
      settings.put(setting.substring(0, eq), setting.substring(eq + 1));
    }
    settings.putAll(sets);
    settings.forEach((key, value) -> runArgs.addAll(List.of("--set", key + "=" + value)));
    SweepPlan plan =
        new SweepPlan(f.param(), quick ? f.quickValues() : f.values(), f.algorithms(), k, runArgs);
    SweepCommand.validate(plan, settings);
    return plan;
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
