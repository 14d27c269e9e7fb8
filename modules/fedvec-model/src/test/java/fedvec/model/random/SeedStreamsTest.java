package fedvec.model.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeedStreamsTest {

  @Test
  void streamsAreKeyedBySeedPurposeAndIds() {
    assertEquals(SeedStreams.derive(1, "task", 3, 4), SeedStreams.derive(1, "task", 3, 4));
    assertNotEquals(SeedStreams.derive(1, "task", 3, 4), SeedStreams.derive(1, "task", 4, 3));
    assertNotEquals(SeedStreams.derive(1, "task", 3), SeedStreams.derive(1, "replay", 3));
    assertNotEquals(SeedStreams.derive(1, "task", 3), SeedStreams.derive(2, "task", 3));
  }

  @Test
  void derivedSeedsDoNotCollideAcrossManyEntities() {
    Set<Long> seeds = new HashSet<>();
    for (int vehicle = 0; vehicle < 1000; vehicle++) {
      for (int episode = 0; episode < 100; episode++) {
        seeds.add(SeedStreams.derive(42, "mobility", vehicle, episode));
      }
    }
    assertEquals(100_000, seeds.size());
  }
}
