package fedvec.app.output;

import fedvec.cluster.clock.EpisodeMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** plots/reward.png and plots/cost.png: per-episode curves with a 10-episode moving average. */
public final class Plots {
  private static final int WINDOW = 10;

  private Plots() {}

  public static void write(Path dir, String title, List<EpisodeMetrics> episodes)
      throws IOException {
    Files.createDirectories(dir);
    save(
        chart(
            title + ": average reward",
            "reward per vehicle",
            episodes,
            e -> e.tally().reward() / e.vehicles()),
        dir.resolve("reward"));
    save(
        chart(title + ": total cost (eq. 13)", "total cost", episodes, e -> e.tally().cost()),
        dir.resolve("cost"));
  }

  private static XYChart chart(
      String title,
      String yAxis,
      List<EpisodeMetrics> episodes,
      ToDoubleFunction<EpisodeMetrics> y) {
    XYChart chart =
        new XYChartBuilder()
            .width(900)
            .height(500)
            .title(title)
            .xAxisTitle("episode")
            .yAxisTitle(yAxis)
            .build();
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
    double[] x = episodes.stream().mapToDouble(EpisodeMetrics::episode).toArray();
    double[] values = episodes.stream().mapToDouble(y).toArray();
    XYSeries raw = chart.addSeries("per episode", x, values);
    raw.setMarker(SeriesMarkers.NONE);
    if (values.length >= WINDOW) {
      XYSeries smooth = chart.addSeries(WINDOW + "-episode mean", x, movingAverage(values));
      smooth.setMarker(SeriesMarkers.NONE);
    }
    return chart;
  }

  static double[] movingAverage(double[] values) {
    double[] out = new double[values.length];
    double sum = 0;
    for (int i = 0; i < values.length; i++) {
      sum += values[i];
      if (i >= WINDOW) {
        sum -= values[i - WINDOW];
      }
      out[i] = sum / Math.min(i + 1, WINDOW);
    }
    return out;
  }

  private static void save(XYChart chart, Path withoutExtension) throws IOException {
    BitmapEncoder.saveBitmap(chart, withoutExtension.toString(), BitmapEncoder.BitmapFormat.PNG);
  }
}
