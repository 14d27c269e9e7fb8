package fedvec.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import fedvec.app.sweep.SweepPlan;
import fedvec.cluster.settings.FedvecConfig;
import fedvec.cluster.settings.InvalidSettingException;
import fedvec.cluster.settings.RunSpecLoader;
import fedvec.learning.algorithm.Algorithm;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fedvec sweep}: every value of one parameter × every algorithm × K seeds, side by side. */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    description =
        "Runs every combination of the parameter's values, the algorithms and seeds 1..K, writes"
            + " results.csv and plots (mean ± std over seeds). Run again with the same --out to resume.")
final class SweepCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--param",
      required = true,
      paramLabel = "NAME=V1,V2,...",
      description =
          "The swept parameter: vehicles, rsus, episodes, slots, or a settings key such as"
              + " scenario.rsus.cpu-hz.")
  String param;

  @Option(
      names = "--algorithms",
      paramLabel = "A1,A2,...",
      split = ",",
      description = "Algorithms to compare (default hafmaddpg).")
  List<String> algorithms = List.of("hafmaddpg");

  @Option(
      names = "--seeds",
      paramLabel = "K",
      description = "Seeds 1..K per combination (default 3).")
  int seeds = 3;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Sweep directory (default runs/sweep-...).")
  Path out;

  @Option(names = "--vehicles", paramLabel = "N", description = "Vehicles of every run.")
  Integer vehicles;

  @Option(names = "--rsus", paramLabel = "N", description = "RSUs of every run.")
  Integer rsus;

  @Mixin SweepOptions options = new SweepOptions();

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    SweepPlan plan;
    Path directory;
    try {
      plan = plan();
      directory = (out != null ? out : defaultDirectory(plan)).toAbsolutePath().normalize();
      claim(directory, plan);
    } catch (InvalidSettingException e) {
      err.println("fedvec sweep: " + e.getMessage());
      return RunCommand.BAD_INPUT;
    }
    SweepOptions.Outcome outcome = options.execute(plan, directory);
    PrintWriter console = spec.commandLine().getOut();
    console.printf(
        "sweep %s: %d of %d runs finished; results in %s%n",
        plan.param(),
        outcome.results().rows().size(),
        plan.runs().size(),
        directory.resolve("results.csv"));
    return SweepOptions.report(outcome, plan, directory, console);
  }

  private SweepPlan plan() {
    int eq = param.indexOf('=');
    if (eq <= 0 || eq == param.length() - 1) {
      throw new InvalidSettingException("--param", "expected NAME=V1,V2,..., got '" + param + "'");
    }
    String name = param.substring(0, eq).trim();
    List<String> values = List.of(param.substring(eq + 1).split(","));
    if (seeds < 1) {
      throw new InvalidSettingException("--seeds", "must be a positive integer, got " + seeds);
    }
    for (String algorithm : algorithms) {
      if (Algorithm.byId(algorithm).isEmpty()) {
        throw new InvalidSettingException(
            "--algorithms", "unknown algorithm '" + algorithm + "'; allowed: " + Algorithm.ids());
      }
    }
    List<String> flags = new ArrayList<>();
    addFlag(flags, "--vehicles", vehicles);
    addFlag(flags, "--rsus", rsus);
    List<String> runArgs = options.runArgs(flags, Map.of());
    SweepPlan plan = new SweepPlan(name, values, List.copyOf(algorithms), seeds, runArgs);
    validate(plan, options.allSettings(Map.of()));
    return plan;
  }

  private void addFlag(List<String> args, String flag, Integer value) {
    if (value != null) {
      if (value < 1) {
        throw new InvalidSettingException(flag, "must be a positive integer, got " + value);
      }
      args.addAll(List.of(flag, value.toString()));
    }
  }

  /**
   * Loads the settings every run of {@code plan} would use, so bad input fails now, not hours into
   * the sweep.
   */
  static void validate(SweepPlan plan, Map<String, String> sets) {
    for (String value : plan.values()) {
      validate(plan, sets, value);
    }
  }

  private static void validate(SweepPlan plan, Map<String, String> sets, String value) {
    Map<String, String> overrides = new LinkedHashMap<>(sets);
    overrides.put(plan.settingKey(), value);
    try {
      RunSpecLoader.load(FedvecConfig.load(null, null, overrides));
    } catch (InvalidSettingException e) {
      throw new InvalidSettingException(
          "--param", "value '" + value + "' of " + plan.param() + ": " + e.getMessage());
    }
  }

  /** A sweep directory holds one plan: a second sweep with another plan may not reuse it. */
  static void claim(Path directory, SweepPlan plan) throws Exception {
    ObjectMapper json = new ObjectMapper();
    Path file = directory.resolve("sweep.json");
    if (Files.exists(file)) {
      SweepPlan existing = json.readValue(file.toFile(), SweepPlan.class);
      if (!existing.equals(plan)) {
        throw new InvalidSettingException(
            "--out", directory + " holds another sweep (" + existing.param() + "); choose another");
      }
      return;
    }
    if (Files.exists(directory) && Files.list(directory).findAny().isPresent()) {
      throw new InvalidSettingException(
          "--out", directory + " already exists and is not a sweep directory; choose another");
    }
    Files.createDirectories(directory);
    json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), plan);
  }

  private static Path defaultDirectory(SweepPlan plan) {
    String time = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    return Path.of("runs", "sweep-" + plan.param().replaceAll("[^A-Za-z0-9.-]", "_") + "-" + time);
  }
}
