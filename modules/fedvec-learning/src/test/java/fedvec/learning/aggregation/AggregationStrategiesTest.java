package fedvec.learning.aggregation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fedvec.learning.parameters.ParameterVector;
import java.util.List;
import org.junit.jupiter.api.Test;

class AggregationStrategiesTest {

  private static Contribution c(int id, double perf, int samples, float... values) {
    return new Contribution(id, new ParameterVector(3, values), perf, samples);
  }

  private static double sum(double[] w) {
    double s = 0;
    for (double v : w) {
      s += v;
    }
    return s;
  }

  @Test
  void fedAvgWeighsBySamples() {
    // 1 vehicle with [0, 4] and 3 vehicles with [4, 8]: weights 1/4, 3/4 -> [3, 7]
    Aggregate a = new FedAvg().aggregate(List.of(c(2, 0, 3, 4, 8), c(1, 0, 1, 0, 4)), null);
    assertArrayEquals(new double[] {0.25, 0.75}, a.weights(), 1e-12);
    assertArrayEquals(new float[] {3f, 7f}, a.parameters().toArray());
    assertEquals(4, a.samples());
  }

  @Test
  void softmaxPerformanceMatchesEq16ByHand() {
    // perf 0 and ln 3 at tau = 1, no standardisation: exp(0) : exp(ln 3) = 1 : 3 -> weights 1/4,
    // 3/4
    SoftmaxPerformance s = new SoftmaxPerformance(1.0, false);
    Aggregate a = s.aggregate(List.of(c(0, 0, 1, 0, 4), c(1, Math.log(3), 1, 4, 8)), null);
    assertArrayEquals(new double[] {0.25, 0.75}, a.weights(), 1e-12);
    // eqs. (22), (23): 1/4 [0, 4] + 3/4 [4, 8] = [3, 7]
    assertArrayEquals(new float[] {3f, 7f}, a.parameters().toArray());
    // ASSUME perf-r: the mean of the contributors' perf
    assertEquals(Math.log(3) / 2, a.perf(), 1e-12);
  }

  @Test
  void softmaxWeightsSumToOneAndHaveTheTemperatureLimits() {
    double[] perf = {-3.0, -1.0, -2.0, -1.5};
    for (boolean standardize : new boolean[] {false, true}) {
      for (double tau : new double[] {1e-6, 0.1, 1, 10}) {
        assertEquals(1.0, sum(new SoftmaxPerformance(tau, standardize).weights(perf)), 1e-12);
      }
      // tau -> infinity: the plain mean
      double[] flat = new SoftmaxPerformance(1e12, standardize).weights(perf);
      for (double w : flat) {
        assertEquals(0.25, w, 1e-9);
      }
      // tau -> 0: all weight on the best performer (perf -1.0, index 1)
      assertArrayEquals(
          new double[] {0, 1, 0, 0},
          new SoftmaxPerformance(1e-9, standardize).weights(perf),
          1e-12);
    }
  }

  @Test
  void standardisationMakesTheWeightsIndependentOfTheRewardScale() {
    SoftmaxPerformance s = new SoftmaxPerformance(1.0, true);
    assertArrayEquals(
        s.weights(new double[] {1, 2, 4}), s.weights(new double[] {10, 20, 40}), 1e-12);
    // equal perf: equal weights
    assertArrayEquals(new double[] {0.5, 0.5}, s.weights(new double[] {-7, -7}), 1e-12);
  }

  @Test
  void softGlobalUpdateMatchesEqs24And25ByHand() {
    // alpha = 0.5: 0.5 * [3, 7] + 0.5 * [1, 1] = [2, 4]
    SoftGlobalUpdate bs = new SoftGlobalUpdate(new SoftmaxPerformance(1.0, false), 0.5);
    ParameterVector previous = new ParameterVector(2, new float[] {1f, 1f});
    Aggregate a = bs.aggregate(List.of(c(0, 0, 1, 0, 4), c(1, Math.log(3), 1, 4, 8)), previous);
    assertArrayEquals(new float[] {2f, 4f}, a.parameters().toArray());
    // without a previous global model, the weighted sum itself
    assertArrayEquals(
        new float[] {3f, 7f},
        bs.aggregate(List.of(c(0, 0, 1, 0, 4), c(1, Math.log(3), 1, 4, 8)), null)
            .parameters()
            .toArray());
  }

  @Test
  void trimmedMeanDropsTheExtremesOfEveryCoordinate() {
    // five contributions, trim 0.2: one value cut from each end of every coordinate
    List<Contribution> five =
        List.of(
            c(0, 0, 1, 1f, -100f),
            c(1, 0, 1, 2f, 5f),
            c(2, 0, 1, 3f, 6f),
            c(3, 0, 1, 4f, 7f),
            c(4, 100, 1, 1000f, 8f)); // an outlier and an inflated perf
    Aggregate a = new TrimmedMean(0.2).aggregate(five, null);
    // coordinate 0: mean of 2, 3, 4; coordinate 1: mean of 5, 6, 7
    assertArrayEquals(new float[] {3f, 6f}, a.parameters().toArray());
    // trim 0 is the plain mean
    assertArrayEquals(
        new float[] {202f, -14.8f},
        new TrimmedMean(0).aggregate(five, null).parameters().toArray());
    assertThrows(IllegalArgumentException.class, () -> new TrimmedMean(0.5));
  }

  @Test
  void resultDoesNotDependOnArrivalOrder() {
    List<Contribution> order1 =
        List.of(c(0, -1, 1, 0.1f, 0.2f), c(1, -2, 1, 0.3f, 0.7f), c(2, -3, 1, 0.9f, 0.4f));
    List<Contribution> order2 = List.of(order1.get(2), order1.get(0), order1.get(1));
    SoftmaxPerformance s = new SoftmaxPerformance(0.7, true);
    assertEquals(s.aggregate(order1, null).parameters(), s.aggregate(order2, null).parameters());
  }

  @Test
  void rejectsMismatchedShapesAndBadSettings() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new FedAvg().aggregate(List.of(c(0, 0, 1, 1f), c(1, 0, 1, 1f, 2f)), null));
    assertThrows(IllegalArgumentException.class, () -> new FedAvg().aggregate(List.of(), null));
    assertThrows(IllegalArgumentException.class, () -> new SoftmaxPerformance(0, true));
    assertThrows(IllegalArgumentException.class, () -> new SoftGlobalUpdate(new FedAvg(), 0));
  }
}
