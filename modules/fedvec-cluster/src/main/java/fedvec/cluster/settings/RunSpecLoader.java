package fedvec.cluster.settings;

import com.typesafe.config.Config;
import fedvec.learning.algorithm.AggregationSettings;
import fedvec.learning.algorithm.Algorithm;
import fedvec.learning.ddpg.DdpgSettings;
import fedvec.learning.ddpg.ExplorationSettings;
import fedvec.learning.faults.FaultKind;
import fedvec.learning.faults.FaultSettings;
import fedvec.model.ScenarioSettings;
import fedvec.model.channel.ChannelSettings;
import fedvec.model.offload.AllocationSettings;
import fedvec.model.offload.CostSettings;
import fedvec.model.offload.RewardSettings;
import fedvec.model.task.TaskSettings;
import fedvec.model.world.RoadSettings;
import fedvec.model.world.RsuSettings;
import fedvec.model.world.VehicleSettings;
import java.time.Duration;
import java.util.Arrays;

/** Reads and validates the {@code fedvec} namespace into a {@link RunSpec}, once, at start. */
public final class RunSpecLoader {
  private static final double BIG = 1e15;

  private RunSpecLoader() {}

  /**
   * The run spec of {@code config}; throws {@link InvalidSettingException} naming the first bad
   * key.
   */
  public static RunSpec load(Config config) {
    SettingsReader fedvec = new SettingsReader(config, "fedvec");
    RunSettings run = run(fedvec.at("run"));
    return new RunSpec(
        run,
        scenario(fedvec.at("scenario")),
        learning(fedvec.at("learning")),
        exploration(fedvec.at("learning.exploration")),
        aggregation(fedvec.at("fl")),
        fl(fedvec.at("fl")),
        faults(fedvec.at("faults")),
        null);
  }

  private static RunSettings run(SettingsReader r) {
    String algorithm = r.string("algorithm");
    if (Algorithm.byId(algorithm).isEmpty()) {
      throw new InvalidSettingException(
          r.key("algorithm"), "unknown algorithm '" + algorithm + "'; allowed: " + Algorithm.ids());
    }
    int checkpointEvery = r.intIn("checkpoint-every", 0, 1_000_000);
    if (checkpointEvery > 0 && Algorithm.byId(algorithm).orElseThrow().centralized()) {
      throw new InvalidSettingException(
          r.key("checkpoint-every"),
          algorithm
              + " keeps its critic at the base station, which checkpoints do not hold yet; allowed:"
              + " 0 (no checkpoints) with this algorithm");
    }
    return new RunSettings(
        r.string("scenario"),
        algorithm,
        r.intIn("episodes", 1, 1_000_000),
        r.intIn("slots-per-episode", 1, 100_000),
        r.anyLong("seed"),
        checkpointEvery,
        r.bool("batched-training"));
  }

  private static ScenarioSettings scenario(SettingsReader r) {
    SettingsReader v = r.at("vehicles");
    VehicleSettings vehicles =
        new VehicleSettings(
            v.intIn("count", 1, 100_000),
            v.positive("speed-min-mps", 1e3),
            v.positive("speed-max-mps", 1e3),
            v.doubleIn("acceleration-max-mps2", 0, 1e2),
            v.positive("cpu-min-hz", BIG),
            v.positive("cpu-max-hz", BIG),
            v.positive("v2v-range-m", 1e6),
            v.doubleIn("compute-power-w", 0, 1e6),
            v.doubleIn("transmit-power-w", 0, 1e6));
    v.ordered("speed-min-mps", vehicles.speedMinMps(), "speed-max-mps", vehicles.speedMaxMps());
    v.ordered("cpu-min-hz", vehicles.cpuMinHz(), "cpu-max-hz", vehicles.cpuMaxHz());
    SettingsReader rsu = r.at("rsus");
    RsuSettings rsus =
        new RsuSettings(
            rsu.intIn("count", 1, 1_000),
            rsu.positive("range-m", 1e6),
            rsu.positive("cpu-hz", BIG),
            rsu.doubleIn("compute-power-w", 0, 1e6),
            rsu.doubleIn("transmit-power-w", 0, 1e6));
    SettingsReader c = r.at("channel");
    ChannelSettings channel =
        new ChannelSettings(
            c.positive("v2v-bandwidth-hz", BIG),
            c.positive("v2r-bandwidth-hz", BIG),
            c.doubleIn("v2v-snr-db-at-reference", -100, 200),
            c.doubleIn("v2r-snr-db-at-reference", -100, 200),
            c.positive("reference-distance-m", 1e6),
            c.doubleIn("path-loss-exponent", 0, 10),
            c.positive("min-distance-m", 1e6));
    SettingsReader t = r.at("tasks");
    TaskSettings tasks =
        new TaskSettings(
            t.doubleIn("probability", 0, 1),
            t.positive("data-min-bits", BIG),
            t.positive("data-max-bits", BIG),
            t.positive("demand-min-cycles", BIG),
            t.positive("demand-max-cycles", BIG),
            t.positive("deadline-min-s", 1e6),
            t.positive("deadline-max-s", 1e6));
    t.ordered("data-min-bits", tasks.dataMinBits(), "data-max-bits", tasks.dataMaxBits());
    t.ordered(
        "demand-min-cycles", tasks.demandMinCycles(), "demand-max-cycles", tasks.demandMaxCycles());
    t.ordered(
        "deadline-min-s", tasks.deadlineMinSeconds(), "deadline-max-s", tasks.deadlineMaxSeconds());
    SettingsReader w = r.at("reward");
    return new ScenarioSettings(
        r.string("name"),
        new RoadSettings(r.positive("road.length-m", 1e7), r.positive("road.slot-seconds", 1e4)),
        vehicles,
        rsus,
        channel,
        tasks,
        new AllocationSettings(r.doubleIn("allocation.min-ratio", 1e-6, 1)),
        new CostSettings(r.doubleIn("cost.energy-weight", 0, 1)),
        new RewardSettings(
            w.doubleIn("delay-weight", 0, 1e6),
            w.doubleIn("energy-weight", 0, 1e6),
            w.doubleIn("failure-penalty", 0, 1e6),
            w.doubleIn("utilization-weight", 0, 1e6)));
  }

  private static DdpgSettings learning(SettingsReader r) {
    return new DdpgSettings(
        r.positive("actor-learning-rate", 1),
        r.positive("critic-learning-rate", 1),
        r.intIn("batch-size", 1, 65_536),
        r.intIn("replay-capacity", 1, 100_000_000),
        r.doubleIn("discount", 0, 1),
        r.doubleIn("target-update-rate", 0, 1),
        r.positiveInts("hidden-units", 65_536),
        r.intIn("train-every-slots", 1, 1_000));
  }

  private static ExplorationSettings exploration(SettingsReader r) {
    return new ExplorationSettings(
        r.doubleIn("epsilon-start", 0, 1),
        r.doubleIn("epsilon-end", 0, 1),
        r.doubleIn("ratio-noise-start", 0, 10),
        r.doubleIn("ratio-noise-end", 0, 10),
        r.intIn("decay-episodes", 1, 1_000_000));
  }

  private static AggregationSettings aggregation(SettingsReader r) {
    return new AggregationSettings(
        r.positive("temperature", 1e9),
        r.positive("global-rate", 1),
        r.bool("standardize-performance"),
        r.doubleIn("trim", 0, 0.49));
  }

  private static FaultSettings faults(SettingsReader r) {
    String kind = r.string("kind");
    FaultKind faultKind =
        FaultKind.byId(kind)
            .orElseThrow(
                () ->
                    new InvalidSettingException(
                        r.key("kind"),
                        "unknown fault '"
                            + kind
                            + "'; allowed: "
                            + Arrays.stream(FaultKind.values()).map(FaultKind::id).toList()));
    return new FaultSettings(
        r.doubleIn("share", 0, 1),
        faultKind,
        r.doubleIn("noise-std", 0, 1e6),
        r.doubleIn("scale", -1e6, 1e6),
        r.doubleIn("perf-boost", -1e6, 1e6));
  }

  private static FlSettings fl(SettingsReader r) {
    Duration min = Duration.ofMillis(10);
    Duration max = Duration.ofHours(24);
    return new FlSettings(
        r.positive("min-fraction", 1),
        r.durationMs("slot-timeout", min, max),
        r.durationMs("rsu-timeout", min, max),
        r.durationMs("bs-timeout", min, max),
        r.positive("max-update-norm", 1e12));
  }
}
