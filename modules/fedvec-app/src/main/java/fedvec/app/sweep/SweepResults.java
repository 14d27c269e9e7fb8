package fedvec.app.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fedvec.app.output.MetricsCsv;
import fedvec.app.output.RunSummary;
import fedvec.cluster.clock.EpisodeMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

/** Reads the finished runs of a sweep and writes results.csv and the comparison plots. */
public final class SweepResults {
  public static final String HEADER =
      "param,value,algorithm,seed,final_cost,final_reward,avg_delay_s,avg_energy_j,failed_tasks,"
          + "bytes_to_bs";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One finished run. Delay, energy and failures are per-episode means over the same last 10% of
   * episodes as final_cost; bytes_to_bs is the mean per episode of what reached the base station.
   */
  public record Row(
      String value,
      String algorithm,
      int seed,
      double finalCost,
      double finalReward,
      double avgDelaySeconds,
      double avgEnergyJoules,
      double failedTasks,
      double bytesToBs,
      List<EpisodeMetrics> episodes) {}

  private final SweepPlan plan;
  private final List<Row> rows = new ArrayList<>();

  private SweepResults(SweepPlan plan) {
    this.plan = plan;
  }

  /** The finished runs of {@code plan} in {@code directory}. */
  public static SweepResults read(SweepPlan plan, Path directory) throws IOException {
    SweepResults results = new SweepResults(plan);
    for (SweepPlan.Run run : plan.runs()) {
      Path out = run.directory(directory);
      if (Files.exists(out.resolve("summary.json"))) {
        results.rows.add(row(run, out));
      }
    }
    return results;
  }

  private static Row row(SweepPlan.Run run, Path out) throws IOException {
    JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
    List<EpisodeMetrics> episodes =
        MetricsCsv.read(out.resolve("metrics.csv"), summary.get("vehicles").asInt());
    List<EpisodeMetrics> tail =
        episodes.subList(episodes.size() - RunSummary.tailLength(episodes.size()), episodes.size());
    double bytesToBs = 0;
    for (String line : Files.readAllLines(out.resolve("traffic.csv"), StandardCharsets.UTF_8)) {
      String[] f = line.split(",");
      if (f[1].equals("rsu->bs")) {
        bytesToBs += Double.parseDouble(f[3]);
      }
    }
    return new Row(
        run.value(),
        run.algorithm(),
        run.seed(),
        summary.get("final_cost").asDouble(),
        summary.get("final_reward").asDouble(),
        mean(tail, e -> e.tally().delaySeconds() / Math.max(1, e.tally().tasks())),
        mean(tail, e -> e.tally().energyJoules() / Math.max(1, e.tally().tasks())),
        mean(tail, e -> e.tally().failed()),
        bytesToBs / episodes.size(),
        episodes);
  }

  /** The finished runs of {@code algorithm} at {@code value}, in seed order. */
  private List<Row> runsOf(String algorithm, String value) {
    return rows.stream()
        .filter(r -> r.algorithm().equals(algorithm) && r.value().equals(value))
        .toList();
  }

  public List<Row> rows() {
    return rows;
  }

  public void writeCsv(Path file) throws IOException {
    List<String> lines = new ArrayList<>(List.of(HEADER));
    for (Row r : rows) {
      lines.add(
          String.join(
              ",",
              plan.param(),
              r.value(),
              r.algorithm(),
              Integer.toString(r.seed()),
              num(r.finalCost()),
              num(r.finalReward()),
              num(r.avgDelaySeconds()),
              num(r.avgEnergyJoules()),
              num(r.failedTasks()),
              num(r.bytesToBs())));
    }
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  /**
   * One row per value × algorithm: the number of seeds, then mean and standard deviation across
   * seeds of each metric of results.csv.
   */
  public void writeSummary(Path file) throws IOException {
    List<String> header = new ArrayList<>(List.of("param", "value", "algorithm", "seeds"));
    for (String metric : SUMMARY_METRICS) {
      header.add(metric + "_mean");
      header.add(metric + "_std");
    }
    List<String> lines = new ArrayList<>(List.of(String.join(",", header)));
    for (String value : plan.values()) {
      for (String algorithm : plan.algorithms()) {
        List<Row> runs = runsOf(algorithm, value);
        if (runs.isEmpty()) {
          continue;
        }
        List<String> fields =
            new ArrayList<>(List.of(plan.param(), value, algorithm, Integer.toString(runs.size())));
        for (ToDoubleFunction<Row> metric : SUMMARY_COLUMNS) {
          double[] samples = runs.stream().mapToDouble(metric).toArray();
          fields.add(num(mean(samples)));
          fields.add(num(std(samples)));
        }
        lines.add(String.join(",", fields));
      }
    }
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  private static final List<String> SUMMARY_METRICS =
      List.of(
          "final_cost",
          "final_reward",
          "avg_delay_s",
          "avg_energy_j",
          "failed_tasks",
          "bytes_to_bs");
  private static final List<ToDoubleFunction<Row>> SUMMARY_COLUMNS =
      List.of(
          Row::finalCost,
          Row::finalReward,
          Row::avgDelaySeconds,
          Row::avgEnergyJoules,
          Row::failedTasks,
          Row::bytesToBs);

  /**
   * Mean ± standard deviation across seeds of {@code metric}, per algorithm, against the values.
   */
  public void plotAgainstValues(Path file, String title, String yAxis, ToDoubleFunction<Row> metric)
      throws IOException {
    XYChart chart =
        new XYChartBuilder()
            .width(900)
            .height(550)
            .title(title)
            .xAxisTitle(plan.param())
            .yAxisTitle(yAxis + " (mean ± std over seeds)")
            .build();
    chart.getStyler().setErrorBarsColorSeriesColor(true);
    for (String algorithm : plan.algorithms()) {
      List<Double> x = new ArrayList<>();
      List<Double> mean = new ArrayList<>();
      List<Double> std = new ArrayList<>();
      for (int i = 0; i < plan.values().size(); i++) {
        String value = plan.values().get(i);
        double[] samples = runsOf(algorithm, value).stream().mapToDouble(metric).toArray();
        if (samples.length > 0) {
          x.add(numeric(value, i));
          mean.add(mean(samples));
          std.add(std(samples));
        }
      }
      if (!x.isEmpty()) {
        chart.addSeries(algorithm, x, mean, std);
      }
    }
    save(chart, file);
  }

  /** Per-episode {@code metric} (mean ± std over seeds) of each algorithm at {@code value}. */
  public void plotEpisodes(
      Path file, String title, String yAxis, String value, ToDoubleFunction<EpisodeMetrics> metric)
      throws IOException {
    XYChart chart =
        new XYChartBuilder()
            .width(900)
            .height(550)
            .title(title)
            .xAxisTitle("episode")
            .yAxisTitle(yAxis + " (mean over seeds, band ± std)")
            .build();
    for (String algorithm : plan.algorithms()) {
      List<Row> runs = runsOf(algorithm, value);
      if (runs.isEmpty()) {
        continue;
      }
      int episodes = runs.stream().mapToInt(r -> r.episodes().size()).min().orElse(0);
      double[] x = new double[episodes];
      double[] mean = new double[episodes];
      double[] std = new double[episodes];
      for (int e = 0; e < episodes; e++) {
        int episode = e;
        double[] samples =
            runs.stream()
                .mapToDouble(r -> metric.applyAsDouble(r.episodes().get(episode)))
                .toArray();
        x[e] = e + 1;
        mean[e] = mean(samples);
        std[e] = std(samples);
      }
      XYSeries series = chart.addSeries(algorithm, x, mean, std);
      series.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
    }
    chart.getStyler().setErrorBarsColorSeriesColor(true);
    save(chart, file);
  }

  private static void save(XYChart chart, Path file) throws IOException {
    Files.createDirectories(file.getParent());
    String name = file.toString();
    BitmapEncoder.saveBitmap(
        chart,
        name.endsWith(".png") ? name.substring(0, name.length() - 4) : name,
        BitmapEncoder.BitmapFormat.PNG);
  }

  private static double numeric(String value, int index) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      return index;
    }
  }

  static double mean(double[] v) {
    double s = 0;
    for (double d : v) {
      s += d;
    }
    return v.length == 0 ? Double.NaN : s / v.length;
  }

  static double std(double[] v) {
    if (v.length < 2) {
      return 0;
    }
    double m = mean(v);
    double s = 0;
    for (double d : v) {
      s += (d - m) * (d - m);
    }
    return Math.sqrt(s / (v.length - 1));
  }

  private static double mean(List<EpisodeMetrics> episodes, ToDoubleFunction<EpisodeMetrics> f) {
    return episodes.stream().mapToDouble(f).average().orElse(Double.NaN);
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.6f", v);
  }
}
