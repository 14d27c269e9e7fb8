package fedvec.app.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A run's checkpoint (G9), in its directory under {@code checkpoint/}: the episode it was taken
 * after, the global model of that episode's round, and the run's resolved settings. The random
 * streams need no saving: every stream derives from the seed, and a resumed run derives its
 * vehicles' stateful streams from the seed and the checkpoint's episode.
 *
 * @param episode the last episode whose outputs the checkpoint covers
 * @param globalModel packed float32 parameters, empty for algorithms without a model
 * @param config the resolved fedvec settings (HOCON)
 */
public record Checkpoint(int episode, byte[] globalModel, String config) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DIR = "checkpoint";

  /** The resolved {@code fedvec} settings of a run, as HOCON a resumed run loads again. */
  public static String settingsOf(com.typesafe.config.Config config) {
    return config
        .getConfig("fedvec")
        .atPath("fedvec")
        .root()
        .render(
            com.typesafe.config.ConfigRenderOptions.concise().setFormatted(true).setJson(false));
  }

  /**
   * Writes the checkpoint into {@code runDir}, replacing the previous one only once it is complete.
   */
  public void write(Path runDir) throws IOException {
    Path fresh = runDir.resolve(DIR + ".tmp");
    deleteTree(fresh);
    Files.createDirectories(fresh);
    Files.write(fresh.resolve("global-model.bin"), globalModel);
    Files.writeString(fresh.resolve("config.conf"), config, StandardCharsets.UTF_8);
    ObjectNode meta = JSON.createObjectNode();
    meta.put("episode", episode);
    meta.put("global_model_floats", globalModel.length / Float.BYTES);
    JSON.writerWithDefaultPrettyPrinter()
        .writeValue(fresh.resolve("checkpoint.json").toFile(), meta);
    Path current = runDir.resolve(DIR);
    Path old = runDir.resolve(DIR + ".old");
    deleteTree(old);
    if (Files.exists(current)) {
      Files.move(current, old, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(fresh, current, StandardCopyOption.ATOMIC_MOVE);
    deleteTree(old);
  }

  /** The latest complete checkpoint in {@code runDir}, if any. */
  public static Optional<Checkpoint> latest(Path runDir) throws IOException {
    for (String name : List.of(DIR, DIR + ".old")) {
      Path dir = runDir.resolve(name);
      if (Files.isRegularFile(dir.resolve("checkpoint.json"))) {
        JsonNode meta = JSON.readTree(dir.resolve("checkpoint.json").toFile());
        return Optional.of(
            new Checkpoint(
                meta.get("episode").asInt(),
                Files.readAllBytes(dir.resolve("global-model.bin")),
                Files.readString(dir.resolve("config.conf"), StandardCharsets.UTF_8)));
      }
    }
    return Optional.empty();
  }

  /**
   * Cuts the run's outputs back to what the checkpoint covers: episodes and rounds up to {@link
   * #episode}, so the resumed run continues them without gaps or repeats.
   */
  public void truncateOutputs(Path runDir) throws IOException {
    keepLines(runDir.resolve("metrics.csv"), line -> episodeOf(line) <= episode, true);
    keepLines(runDir.resolve("traffic.csv"), line -> episodeOf(line) <= episode, true);
    keepLines(
        runDir.resolve("aggregation.jsonl"),
        line -> JSON.readTree(line).get("round").asInt() <= episode,
        false);
  }

  private interface LineFilter {
    boolean keep(String line) throws IOException;
  }

  private static void keepLines(Path file, LineFilter filter, boolean header) throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if ((header && i == 0) || (!lines.get(i).isBlank() && filter.keep(lines.get(i)))) {
        kept.add(lines.get(i));
      }
    }
    Files.write(file, kept, StandardCharsets.UTF_8);
  }

  private static int episodeOf(String csvLine) {
    return Integer.parseInt(csvLine.substring(0, csvLine.indexOf(',')));
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
