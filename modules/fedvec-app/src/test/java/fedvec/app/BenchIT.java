package fedvec.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `fedvec bench --quick` as a smoke test: every case runs and reports a figure (no timing asserts).
 */
class BenchIT {
  @TempDir Path dir;

  @Test
  void quickBenchMeasuresEveryCase() throws Exception {
    FedvecProcess.Result result =
        FedvecProcess.run(dir, 10, "bench", "--quick", "--json", "b.json");
    assertEquals(0, result.exitCode(), result.output());
    JsonNode figures = new ObjectMapper().readTree(dir.resolve("b.json").toFile()).get("figures");
    List<String> ids = new ArrayList<>();
    for (JsonNode f : figures) {
      String id = f.get("id").asText();
      ids.add(id);
      if (!id.contains("batched")) { // batched training is not built yet
        assertTrue(f.get("value").isNumber() && f.get("value").asDouble() > 0, f.toString());
      }
    }
    for (String letter : List.of("a.", "b.", "c.", "d.", "e.", "f.", "g.")) {
      assertTrue(ids.stream().anyMatch(id -> id.startsWith(letter)), letter + " missing: " + ids);
    }
    assertTrue(result.output().contains("actor-layer overhead"), result.output());
  }
}
