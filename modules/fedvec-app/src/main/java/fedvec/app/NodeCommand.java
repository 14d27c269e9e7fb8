package fedvec.app;

import com.typesafe.config.Config;
import fedvec.app.node.NodeLauncher;
import fedvec.app.node.NodeOptions;
import fedvec.cluster.node.FedvecNode;
import fedvec.cluster.node.NodeAgent;
import fedvec.cluster.settings.FedvecConfig;
import fedvec.cluster.settings.InvalidSettingException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
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
    system.getWhenTerminated().toCompletableFuture().get();
    return NodeAgent.finishedNormally(system) ? 0 : 1;
  }
}
