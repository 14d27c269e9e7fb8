package fedvec.app;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top command; the work is in its subcommands. */
@Command(
    name = "fedvec",
    mixinStandardHelpOptions = true,
    version = "fedvec 0.1.0",
    description =
        "Hierarchical federated multi-agent RL in vehicular edge computing, on Pekko actors.",
    subcommands = {
      RunCommand.class,
      NodeCommand.class,
      SweepCommand.class,
      ReproduceCommand.class,
      BenchCommand.class
    })
final class FedvecCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "a subcommand is required: run, node, sweep, reproduce or bench");
  }
}
