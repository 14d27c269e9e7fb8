package fedvec.app.sweep;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Runs the runs of a sweep, each as `fedvec run` in a JVM of its own (so one failing run cannot
 * take the sweep down), {@code parallel} at a time. A run whose directory already holds a
 * summary.json is done and skipped: an interrupted sweep resumes where it stopped.
 */
public final class SweepRunner {
  private final SweepPlan plan;
  private final Path directory;
  private final int parallel;
  private final boolean progress;

  public SweepRunner(SweepPlan plan, Path directory, int parallel, boolean progress) {
    this.plan = plan;
    this.directory = directory;
    this.parallel = parallel;
    this.progress = progress;
  }

  /** Runs what is not done yet; returns the runs that failed. */
  public List<SweepPlan.Run> run() throws Exception {
    Files.createDirectories(directory.resolve("logs"));
    List<SweepPlan.Run> todo = new ArrayList<>();
    for (SweepPlan.Run run : plan.runs()) {
      if (!Files.exists(run.directory(directory).resolve("summary.json"))) {
        todo.add(run);
      }
    }
    List<SweepPlan.Run> failed = new ArrayList<>();
    AtomicInteger done = new AtomicInteger(plan.runs().size() - todo.size());
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    try (ProgressBar bar = progressBar(done.get())) {
      List<Future<Boolean>> futures = new ArrayList<>();
      for (SweepPlan.Run run : todo) {
        futures.add(pool.submit(() -> execute(run)));
      }
      for (int i = 0; i < futures.size(); i++) {
        if (!futures.get(i).get()) {
          failed.add(todo.get(i));
        }
        if (bar != null) {
          bar.step();
        }
      }
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(1, TimeUnit.MINUTES);
    }
    return failed;
  }

  private boolean execute(SweepPlan.Run run) throws IOException, InterruptedException {
    Path out = run.directory(directory);
    Files.createDirectories(out.getParent());
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "fedvec.app.Main"));
    command.addAll(plan.arguments(run, out));
    Path log =
        directory
            .resolve("logs")
            .resolve(
                out.getParent().getParent().getFileName()
                    + "-"
                    + run.algorithm()
                    + "-seed-"
                    + run.seed()
                    + ".log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      return process.waitFor() == 0;
    } finally {
      process.destroyForcibly();
    }
  }

  private ProgressBar progressBar(int alreadyDone) {
    if (!progress) {
      return null;
    }
    ProgressBar bar =
        new ProgressBarBuilder()
            .setTaskName("sweep " + plan.param())
            .setInitialMax(plan.runs().size())
            .setUnit(" runs", 1)
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(1000)
            .build();
    bar.stepTo(alreadyDone);
    return bar;
  }
}
