package fedvec.model.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProportionalShareTest {

  @Test
  void grantsWhatIsAskedWhileTheResourceIsNotOversubscribed() {
    assertArrayEquals(
        new double[] {5, 3}, ProportionalShare.grants(10, new double[] {0.5, 0.3}, 0.01), 1e-12);
  }

  @Test
  void scalesDownProportionallyWhenOversubscribed() {
    // asked 1 + 1 + 0.5 = 2.5 of the resource: each gets its ratio / 2.5
    assertArrayEquals(
        new double[] {4, 4, 2},
        ProportionalShare.grants(10, new double[] {1, 1, 0.5}, 0.01),
        1e-12);
  }

  @Test
  void clampsRatiosIntoTheAllowedRange() {
    assertEquals(0.01, ProportionalShare.clamp(0, 0.01));
    assertEquals(0.01, ProportionalShare.clamp(Double.NaN, 0.01));
    assertEquals(1.0, ProportionalShare.clamp(7, 0.01));
    assertArrayEquals(
        new double[] {0.1}, ProportionalShare.grants(10, new double[] {-3}, 0.01), 1e-12);
    assertEquals(0, ProportionalShare.grants(10, new double[0], 0.01).length);
  }
}
