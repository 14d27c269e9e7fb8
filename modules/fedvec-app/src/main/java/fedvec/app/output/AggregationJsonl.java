package fedvec.app.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fedvec.cluster.aggregation.AggregationRecord;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * aggregation.jsonl: the aggregation lines of every node, merged in round order (RSUs by id, then
 * the base station), as they reach the coordinator with each round's result.
 */
public final class AggregationJsonl implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final BufferedWriter out;
  private int lines;

  /**
   * @param append continue an existing file (a resumed run) instead of starting a new one
   */
  public AggregationJsonl(Path file, boolean append) throws IOException {
    out = Output.open(file, append);
  }

  /** Updates rejected before aggregation in a whole aggregation.jsonl, by reason. */
  public static Map<String, Long> rejectedByReason(Path file) throws IOException {
    Map<String, Long> counts = new TreeMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        for (JsonNode rejected : JSON.readTree(line).path("rejected")) {
          counts.merge(rejected.get("reason").asText(), 1L, Long::sum);
        }
      }
    }
    return counts;
  }

  public void write(List<AggregationRecord> records) throws IOException {
    for (AggregationRecord record : records) {
      out.write(JSON.writeValueAsString(record));
      out.newLine();
      lines++;
    }
    out.flush();
  }

  public int lines() {
    return lines;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
