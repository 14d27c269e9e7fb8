package fedvec.app.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The figures of one bench run, printed as a table and written as JSON. */
public final class BenchReport {
  /**
   * One figure.
   *
   * @param id the case (issue 6 requirement 1's letter and what it measures)
   * @param value the figure
   * @param unit its unit
   * @param spread p10-p90 of the same unit, or "" for a derived figure
   * @param note how it was measured or what it is compared with
   */
  public record Line(String id, double value, String unit, String spread, String note) {}

  private final List<Line> lines = new ArrayList<>();
  private final PrintWriter console;

  public BenchReport(PrintWriter console) {
    this.console = console;
    console.printf("%-44s %14s %-9s %-22s %s%n", "case", "value", "unit", "p10-p90", "note");
    console.flush();
  }

  /** Adds a timing in {@code unit} ("ms" or "us") with its spread; prints it at once. */
  public void timing(String id, Stats stats, String unit, String note) {
    double scale = unit.equals("us") ? 1e3 : 1e6;
    add(
        new Line(
            id,
            stats.medianNs() / scale,
            unit,
            String.format(Locale.ROOT, "%.3f-%.3f", stats.p10Ns() / scale, stats.p90Ns() / scale),
            note + " (" + stats.iterations() + " iterations)"));
  }

  /** Adds a derived figure (a ratio, a rate, a size; NaN: not measured); prints it at once. */
  public void figure(String id, double value, String unit, String note) {
    add(new Line(id, value, unit, "", note));
  }

  private void add(Line line) {
    lines.add(line);
    console.printf(
        Locale.ROOT,
        "%-44s %14s %-9s %-22s %s%n",
        line.id(),
        Double.isNaN(line.value()) ? "n/a" : String.format(Locale.ROOT, "%.3f", line.value()),
        line.unit(),
        line.spread(),
        line.note());
    console.flush();
  }

  /** Writes the figures and the machine they came from as JSON. */
  public void writeJson(Path file, boolean quick) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    root.put("quick", quick);
    root.put("cores", Runtime.getRuntime().availableProcessors());
    root.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
    root.put("java", System.getProperty("java.version"));
    root.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    ArrayNode array = root.putArray("figures");
    for (Line line : lines) {
      ObjectNode node = array.addObject();
      node.put("id", line.id());
      if (Double.isNaN(line.value())) {
        node.putNull("value"); // not measured (the note says why)
      } else {
        node.put("value", line.value());
      }
      node.put("unit", line.unit());
      node.put("spread", line.spread());
      node.put("note", line.note());
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
  }
}
