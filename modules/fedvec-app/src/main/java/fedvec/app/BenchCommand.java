package fedvec.app;

import fedvec.app.bench.Bench;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fedvec bench}: the performance figures of issue 6, measured side by side in one run. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Measures one vehicle's DDPG update and forward pass, K vehicles' updates, an inference-only"
            + " slot with actors vs a plain loop, trained episodes for growing numbers of vehicles,"
            + " a federated round and memory per vehicle, and prints a table (median, p10-p90).")
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--quick", description = "Small sizes and few iterations: a smoke test.")
  boolean quick;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON.")
  Path json;

  @Override
  public Integer call() throws Exception {
    new Bench(quick).run(spec.commandLine().getOut(), json);
    return 0;
  }
}
