package fedvec.app.output;

import fedvec.cluster.clock.EpisodeMetrics;
import fedvec.model.offload.SlotTally;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** metrics.csv: one row per episode, written as each episode completes. */
public final class MetricsCsv implements AutoCloseable {
  /** The run contract's first columns, in this order; {@code round} follows. */
  public static final String HEADER =
      "episode,reward,total_cost,avg_delay_s,avg_energy_j,failed_tasks,tasks,"
          + "local_share,av_share,rsu_share,wall_ms,round";

  private final BufferedWriter out;

  public MetricsCsv(Path file) throws IOException {
    out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    out.write(HEADER);
    out.newLine();
    out.flush();
  }

  public void write(EpisodeMetrics m) throws IOException {
    out.write(row(m));
    out.newLine();
    out.flush();
  }

  /**
   * reward is per vehicle (the paper's "average reward"); total_cost is eq. (13) summed over tasks.
   */
  static String row(EpisodeMetrics m) {
    SlotTally t = m.tally();
    int tasks = Math.max(1, t.tasks());
    return String.join(
        ",",
        Integer.toString(m.episode()),
        num(t.reward() / m.vehicles()),
        num(t.cost()),
        num(t.delaySeconds() / tasks),
        num(t.energyJoules() / tasks),
        Integer.toString(t.failed()),
        Integer.toString(t.tasks()),
        num((double) t.local() / tasks),
        num((double) t.assisted() / tasks),
        num((double) t.rsu() / tasks),
        Long.toString(m.wallMs()),
        m.round());
  }

  private static String num(double value) {
    return Double.toString(value);
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
