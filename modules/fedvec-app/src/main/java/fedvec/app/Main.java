package fedvec.app;

import java.io.PrintWriter;
import picocli.CommandLine;

/** The {@code fedvec} command line. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit code (0 ok, 1 failure, 2 bad input). */
  public static int execute(String... args) {
    return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** As {@link #execute(String...)}, writing to the given streams. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    // before any DJL class loads: never download, never probe EC2 metadata, one thread per op
    System.setProperty("ai.djl.offline", "true");
    System.setProperty("ai.djl.pytorch.num_threads", "1");
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    System.setProperty("java.awt.headless", "true");
    if (args.length > 0 && args[0].equals("node")) {
      System.setProperty("fedvec.console.level", "INFO"); // a node's console is its log
    }
    // initialise logging before any thread logs, so no early line is lost or replayed
    org.slf4j.LoggerFactory.getILoggerFactory();
    return new CommandLine(new FedvecCommand())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setOut(out)
        .setErr(err)
        .execute(args);
  }
}
