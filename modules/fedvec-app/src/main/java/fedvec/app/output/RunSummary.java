package fedvec.app.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import fedvec.cluster.clock.EpisodeMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * summary.json: what was run and how it ended.
 *
 * @param finalCost mean total_cost over the last 10% of episodes (at least one)
 * @param finalReward mean per-vehicle reward over the same episodes
 * @param deadlineMisses waits that ended at their deadline, over the whole run
 * @param deadLetters protocol messages the coordinator node could not deliver
 * @param rejectedUpdates updates kept out of aggregation, by reason (not-finite, wrong-shape, ...)
 * @param config the resolved fedvec settings
 */
public record RunSummary(
    String scenario,
    String algorithm,
    long seed,
    int vehicles,
    int rsus,
    int episodes,
    int slotsPerEpisode,
    double finalCost,
    double finalReward,
    long tasks,
    long failedTasks,
    long roundsCommitted,
    long roundsAborted,
    double wallSeconds,
    long deadlineMisses,
    long deadLetters,
    Map<String, Long> rejectedUpdates,
    Map<String, String> versions,
    JsonNode config) {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT);

  /** How many trailing episodes final_cost averages: 10% of them, at least one. */
  public static int tailLength(int episodes) {
    return Math.max(1, (int) Math.ceil(episodes * 0.1));
  }

  public static double finalCost(List<EpisodeMetrics> episodes) {
    return tail(episodes).stream().mapToDouble(e -> e.tally().cost()).average().orElse(0);
  }

  public static double finalReward(List<EpisodeMetrics> episodes) {
    return tail(episodes).stream()
        .mapToDouble(e -> e.tally().reward() / e.vehicles())
        .average()
        .orElse(0);
  }

  private static List<EpisodeMetrics> tail(List<EpisodeMetrics> episodes) {
    return episodes.subList(
        episodes.size() - Math.min(episodes.size(), tailLength(episodes.size())), episodes.size());
  }

  public static JsonNode parseJson(String json) throws IOException {
    return JSON.readTree(json);
  }

  public void write(Path file) throws IOException {
    JSON.writeValue(file.toFile(), this);
  }
}
