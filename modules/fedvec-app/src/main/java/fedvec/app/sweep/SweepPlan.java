package fedvec.app.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every run of a sweep: each value of one parameter × each algorithm × each seed, with the same
 * other run flags.
 *
 * @param param the swept parameter: a run flag without dashes (vehicles, rsus, episodes, slots) or
 *     a settings key (e.g. scenario.rsus.cpu-hz)
 * @param values its values, in order
 * @param algorithms algorithm ids
 * @param seeds the seeds, 1..K
 * @param runArgs further `fedvec run` flags, the same for every run
 */
public record SweepPlan(
    String param, List<String> values, List<String> algorithms, int seeds, List<String> runArgs) {

  /** The `fedvec run` flags a sweep may move, and the setting each one sets. */
  private static final Map<String, String> FLAGS =
      Map.of(
          "vehicles", "scenario.vehicles.count",
          "rsus", "scenario.rsus.count",
          "episodes", "run.episodes",
          "slots", "run.slots-per-episode");

  /** One run of the sweep. */
  public record Run(String value, String algorithm, int seed) {

    /** Where its outputs go, below the sweep directory. */
    public Path directory(Path sweep) {
      return sweep.resolve("runs").resolve(safe(value)).resolve(algorithm).resolve("seed-" + seed);
    }

    private static String safe(String value) {
      return value.replaceAll("[^A-Za-z0-9.+\\-]", "_");
    }
  }

  public List<Run> runs() {
    List<Run> runs = new ArrayList<>();
    for (String value : values) {
      for (String algorithm : algorithms) {
        for (int seed = 1; seed <= seeds; seed++) {
          runs.add(new Run(value, algorithm, seed));
        }
      }
    }
    return runs;
  }

  /** The `fedvec run` arguments of {@code run}, writing to {@code out}. */
  public List<String> arguments(Run run, Path out) {
    List<String> args = new ArrayList<>(List.of("run", "--quiet", "--out", out.toString()));
    args.addAll(List.of("--algorithm", run.algorithm(), "--seed", Integer.toString(run.seed())));
    args.addAll(parameter(run.value()));
    args.addAll(runArgs);
    return args;
  }

  /** The settings key the swept parameter sets (itself, unless it is a run flag). */
  public String settingKey() {
    return FLAGS.getOrDefault(param, param);
  }

  /** The flags that set the swept parameter to {@code value}. */
  public List<String> parameter(String value) {
    return FLAGS.containsKey(param)
        ? List.of("--" + param, value)
        : List.of("--set", param + "=" + value);
  }
}
