package fedvec.app;

import com.typesafe.config.Config;
import fedvec.app.node.NodeLauncher;
import fedvec.app.node.NodeOptions;
import fedvec.cluster.node.FedvecNode;
import fedvec.cluster.node.NodeAgent;
import fedvec.cluster.settings.FedvecConfig;
import fedvec.cluster.settings.InvalidSettingException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fedvec node}: a cluster node that joins the seed nodes and hosts what its roles allow of
 * the run the coordinator starts (`fedvec run --cluster`). It exits 0 when the coordinator ends the
 * run.
 */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    description =
        "Starts a cluster node that joins the seed nodes and hosts its part of the run started by"
            + " `fedvec run --cluster` on the coordinator; exits 0 when that run ends.")
final class NodeCommand implements Callable<Integer> {
  /** How long a node waits for its actor system to terminate once its shutdown began. */
  private static final Duration TERMINATION_GRACE = Duration.ofSeconds(60);

  @Spec CommandSpec spec;

  @Mixin NodeOptions node = new NodeOptions();

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Extra HOCON file (Pekko settings).")
  Path configFile;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description =
          "Override one setting, e.g. --set pekko.cluster.split-brain-resolver.stable-after=7s;"
              + " cluster settings must be the same on every node.")
  Map<String, String> sets = new LinkedHashMap<>();

  @Override
  public Integer call() throws Exception {
    Config config;
    try {
      Map<String, String> overrides = new LinkedHashMap<>(sets);
      overrides.putAll(node.overrides(List.of(FedvecNode.VEHICLES), 0));
      config = FedvecConfig.load(null, configFile, overrides);
    } catch (InvalidSettingException e) {
      spec.commandLine().getErr().println("fedvec node: " + e.getMessage());
      return RunCommand.BAD_INPUT;
    }
    ActorSystem<Void> system = NodeLauncher.start(config);
    spec.commandLine()
        .getOut()
        .printf(
            "fedvec node %s up; roles %s%n",
            system.address(), config.getStringList("pekko.cluster.roles"));
    spec.commandLine().getOut().flush();
    if (!terminatesAfterShutdown(system)) {
      PrintWriter err = spec.commandLine().getErr();
      err.printf(
          "fedvec node: the actor system did not terminate within %d s of its coordinated shutdown;"
              + " exiting anyway. Threads:%n",
          TERMINATION_GRACE.toSeconds());
      Arrays.stream(ManagementFactory.getThreadMXBean().dumpAllThreads(true, true))
          .forEach(err::print);
      err.flush();
      return 1;
    }
    return NodeAgent.finishedNormally(system) ? 0 : 1;
  }

  /**
   * Waits for the system to terminate; false if it has not {@link #TERMINATION_GRACE} after its
   * coordinated shutdown began. Seen once (2026-12-02, deploy/netns/partition-test.sh): a host cut
   * off by a partition downed itself, and Artery's transport never finished shutting down towards
   * the unreachable hosts, so the process would have stayed up.
   */
  private static boolean terminatesAfterShutdown(ActorSystem<Void> system) throws Exception {
    CompletableFuture<?> terminated = system.getWhenTerminated().toCompletableFuture();
    CoordinatedShutdown shutdown = CoordinatedShutdown.get(system);
    long shutdownSeenAt = 0;
    while (true) {
      try {
        terminated.get(1, TimeUnit.SECONDS);
        return true;
      } catch (TimeoutException stillRunning) {
        if (shutdownSeenAt == 0 && shutdown.getShutdownReason().isPresent()) {
          shutdownSeenAt = System.nanoTime();
        }
        if (shutdownSeenAt != 0
            && System.nanoTime() - shutdownSeenAt > TERMINATION_GRACE.toNanos()) {
          return false;
        }
      }
    }
  }
}
