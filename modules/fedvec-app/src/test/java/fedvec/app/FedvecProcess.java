package fedvec.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code fedvec} command in a fresh JVM, as bin/fedvec does, for end-to-end tests.
 */
final class FedvecProcess {
  private FedvecProcess() {}

  /** Exit code and console output of one command. */
  record Result(int exitCode, String output) {}

  static Result run(Path workDir, long timeoutMinutes, String... args)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile(workDir, "fedvec-", ".out");
    Process process = start(workDir, log, args);
    if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(
          "fedvec " + String.join(" ", args) + " did not finish in " + timeoutMinutes + " min");
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);
    return new Result(process.exitValue(), output);
  }

  /** Starts the command without waiting; its console goes to {@code log}. */
  static Process start(Path workDir, Path log, String... args) throws IOException {
    return new ProcessBuilder(command(args))
        .directory(workDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  /** A free TCP port on loopback (for cluster and management ports). */
  static int freePort() throws IOException {
    try (java.net.ServerSocket socket =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static List<String> command(String... args) {
    String jar = System.getProperty("fedvec.app.jar");
    String lib = System.getProperty("fedvec.app.lib");
    if (jar == null || lib == null) {
      throw new IllegalStateException("run through failsafe: fedvec.app.jar/lib are not set");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-Xmx2g",
            "-Dai.djl.offline=true",
            "-Dai.djl.pytorch.num_threads=1",
            "-Dai.djl.pytorch.num_interop_threads=1",
            "-Djava.awt.headless=true",
            "-cp",
            jar + ":" + lib + "/*",
            "fedvec.app.Main"));
    command.addAll(Arrays.asList(args));
    return command;
  }
}
