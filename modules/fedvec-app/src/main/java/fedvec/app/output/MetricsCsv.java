package fedvec.app.output;

import fedvec.cluster.clock.EpisodeMetrics;
import fedvec.model.offload.SlotTally;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** metrics.csv: one row per episode, written as each episode completes. */
public final class MetricsCsv implements AutoCloseable {
  /**
   * The run contract's first columns, in this order; {@code round} and {@code deadline_misses}
   * follow.
   */
  public static final String HEADER =
      "episode,reward,total_cost,avg_delay_s,avg_energy_j,failed_tasks,tasks,"
          + "local_share,av_share,rsu_share,wall_ms,round,deadline_misses";

  private final BufferedWriter out;

  /**
   * @param append continue an existing file (a resumed run) instead of starting a new one
   */
  public MetricsCsv(Path file, boolean append) throws IOException {
    out = Output.open(file, append);
    if (!append) {
      out.write(HEADER);
      out.newLine();
      out.flush();
    }
  }

  /** The episodes of a metrics.csv file, as far as the file has them. */
  public static List<EpisodeMetrics> read(Path file, int vehicles) throws IOException {
    List<EpisodeMetrics> episodes = new ArrayList<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      int tasks = Integer.parseInt(f[6]);
      int denominator = Math.max(1, tasks);
      SlotTally tally =
          new SlotTally(
              tasks,
              Integer.parseInt(f[5]),
              Double.parseDouble(f[3]) * denominator,
              Double.parseDouble(f[4]) * denominator,
              Double.parseDouble(f[2]),
              Double.parseDouble(f[1]) * vehicles,
              (int) Math.round(Double.parseDouble(f[7]) * denominator),
              (int) Math.round(Double.parseDouble(f[8]) * denominator),
              (int) Math.round(Double.parseDouble(f[9]) * denominator));
      episodes.add(
          new EpisodeMetrics(
              Integer.parseInt(f[0]),
              tally,
              vehicles,
              f[11],
              Integer.parseInt(f[12]),
              Long.parseLong(f[10])));
    }
    return episodes;
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
        m.round(),
        Integer.toString(m.deadlineMisses()));
  }

  private static String num(double value) {
    return Double.toString(value);
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
