package fedvec.learning.faults;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import fedvec.learning.parameters.ParameterVector;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FaultyUploadTest {
  private static final ParameterVector HONEST = new ParameterVector(3, new float[] {1f, -2f, 0.5f});

  private static FaultyUpload upload(FaultKind kind) {
    return new FaultyUpload(new FaultSettings(0.2, kind, 0.1, 10, 5), new SplittableRandom(1));
  }

  @Test
  void eachKindCorruptsWhatItShould() {
    assertArrayEquals(
        new float[] {10f, -20f, 5f}, upload(FaultKind.SCALE).parameters(HONEST).toArray());
    assertFalse(upload(FaultKind.NAN).parameters(HONEST).allFinite());
    assertNotEquals(HONEST, upload(FaultKind.NOISE).parameters(HONEST));
    assertEquals(HONEST, upload(FaultKind.INFLATE_PERF).parameters(HONEST));
    assertEquals(4.0, upload(FaultKind.INFLATE_PERF).perf(-1.0), 1e-12);
    assertEquals(-1.0, upload(FaultKind.SCALE).perf(-1.0), 1e-12);
  }

  @Test
  void theFaultyShareIsExactAndFollowsTheSeed() {
    FaultSettings settings = new FaultSettings(0.2, FaultKind.NOISE, 1, 1, 0);
    List<Integer> faulty = settings.faultyVehicles(50, 7);
    assertEquals(10, faulty.size());
    assertEquals(faulty, settings.faultyVehicles(50, 7));
    assertNotEquals(faulty, settings.faultyVehicles(50, 8));
    assertEquals(List.of(), FaultSettings.NONE.faultyVehicles(50, 7));
  }
}
