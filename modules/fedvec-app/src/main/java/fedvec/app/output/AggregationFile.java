package fedvec.app.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Puts aggregation.jsonl in a stable order (round, then RSUs by id, then the BS), since actors on
 * several threads or nodes append their lines as they happen.
 */
public final class AggregationFile {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AggregationFile() {}

  public static int sort(Path file) throws IOException {
    if (!Files.exists(file)) {
      Files.createFile(file);
      return 0;
    }
    List<JsonNode> records = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        records.add(JSON.readTree(line));
      }
    }
    records.sort(
        Comparator.comparingInt((JsonNode r) -> r.get("round").asInt())
            .thenComparing(r -> r.get("tier").asText().equals("bs"))
            .thenComparingInt(r -> r.path("rsu").asInt(-1)));
    List<String> lines = new ArrayList<>();
    for (JsonNode r : records) {
      lines.add(JSON.writeValueAsString(r));
    }
    Files.write(file, lines, StandardCharsets.UTF_8);
    return records.size();
  }
}
