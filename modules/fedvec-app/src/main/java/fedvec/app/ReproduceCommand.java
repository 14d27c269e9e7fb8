package fedvec.app;

import fedvec.app.sweep.PaperFigure;
import fedvec.app.sweep.SweepPlan;
import fedvec.app.sweep.SweepResults;
import fedvec.cluster.settings.InvalidSettingException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Output directory (default runs/reproduce-FIGURE).")
  Path out;

  @Mixin SweepOptions options = new SweepOptions();

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
    SweepOptions.Outcome outcome = options.execute(plan, directory);
    SweepResults results = outcome.results();
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
    return SweepOptions.report(outcome, plan, directory, console);
  }

  private SweepPlan plan(PaperFigure f) {
    int k = seeds != null ? seeds : quick ? 1 : 3;
    if (k < 1) {
      throw new InvalidSettingException("--seeds", "must be a positive integer, got " + k);
    }
    List<String> runArgs = options.runArgs(quick ? QUICK_RUN : List.of(), f.settings());
    SweepPlan plan =
        new SweepPlan(f.param(), quick ? f.quickValues() : f.values(), f.algorithms(), k, runArgs);
    SweepCommand.validate(plan, options.allSettings(f.settings()));
    return plan;
  }
}
