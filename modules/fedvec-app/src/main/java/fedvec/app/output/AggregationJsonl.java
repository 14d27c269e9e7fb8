package fedvec.app.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import fedvec.cluster.aggregation.AggregationRecord;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * aggregation.jsonl: the aggregation lines of every node, merged in round order (RSUs by id, then
 * the base station), as they reach the coordinator with each round's result.
 */
public final class AggregationJsonl implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final BufferedWriter out;
  private int lines;

  public AggregationJsonl(Path file) throws IOException {
    out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
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
