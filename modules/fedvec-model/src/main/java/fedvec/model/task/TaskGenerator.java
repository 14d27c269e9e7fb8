package fedvec.model.task;

import fedvec.model.random.SeedStreams;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Draws each vehicle's task for a slot from the stream (seed, vehicle, episode, slot), so that a
 * task never depends on the order in which actors run.
 */
public final class TaskGenerator {
  private final TaskSettings settings;
  private final long seed;

  public TaskGenerator(TaskSettings settings, long seed) {
    this.settings = settings;
    this.seed = seed;
  }

  /** The task of {@code vehicle} in ({@code episode}, {@code slot}), or empty when it has none. */
  public Optional<Task> taskFor(int vehicle, int episode, int slot) {
    SplittableRandom random = SeedStreams.stream(seed, "task", vehicle, episode, slot);
    if (random.nextDouble() >= settings.probability()) {
      return Optional.empty();
    }
    return Optional.of(
        new Task(
            SeedStreams.uniform(random, settings.dataMinBits(), settings.dataMaxBits()),
            SeedStreams.uniform(random, settings.demandMinCycles(), settings.demandMaxCycles()),
            SeedStreams.uniform(
                random, settings.deadlineMinSeconds(), settings.deadlineMaxSeconds())));
  }
}
