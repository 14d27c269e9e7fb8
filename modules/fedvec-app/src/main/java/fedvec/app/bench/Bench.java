package fedvec.app.bench;

import com.typesafe.config.Config;
import fedvec.cluster.settings.FedvecConfig;
import fedvec.cluster.settings.RunSpec;
import fedvec.cluster.settings.RunSpecLoader;
import fedvec.cluster.settings.TrainingBatcherSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/** Every case of the bench, in one JVM, one after another. */
public final class Bench {
  private final boolean quick;

  public Bench(boolean quick) {
    this.quick = quick;
  }

  /** Runs the cases, printing each figure as it is measured; writes {@code json} if not null. */
  public void run(PrintWriter console, Path json) throws Exception {
    Config config = FedvecConfig.load(null, null, Map.of());
    RunSpec defaults = RunSpecLoader.load(config);
    console.printf(
        "fedvec bench%s: %d cores, max heap %d MiB, Java %s%n",
        quick ? " --quick" : "",
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        System.getProperty("java.version"));
    // the bench measures; the runs' own warnings (vehicles stopping at each shutdown) are noise
    // here
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("fedvec"))
        .setLevel(ch.qos.logback.classic.Level.ERROR);
    BenchReport report = new BenchReport(console);
    new LearnerBench(defaults, TrainingBatcherSettings.read(config), quick).run(report);
    new SimulationBench(quick).run(report);
    if (json != null) {
      report.writeJson(json, quick);
      console.printf("figures in %s%n", json);
    }
    console.flush();
  }
}
