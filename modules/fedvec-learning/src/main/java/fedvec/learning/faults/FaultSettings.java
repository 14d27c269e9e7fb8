package fedvec.learning.faults;

import fedvec.model.random.SeedStreams;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Faulty vehicles for robustness experiments: a share of the vehicles, chosen from the seed, report
 * a corrupted model or performance at every upload.
 *
 * @param share fraction of vehicles that are faulty, in [0, 1]
 * @param kind what they do to their upload
 * @param noiseStd standard deviation of the Gaussian noise added by {@link FaultKind#NOISE}
 * @param scale factor applied to the parameters by {@link FaultKind#SCALE}
 * @param perfBoost added to the reported perf by {@link FaultKind#INFLATE_PERF}
 */
public record FaultSettings(
    double share, FaultKind kind, double noiseStd, double scale, double perfBoost) {

  public static final FaultSettings NONE = new FaultSettings(0, FaultKind.NONE, 0, 1, 0);

  /**
   * The faulty vehicles among {@code vehicles}: round(share * vehicles) ids, drawn from the seed.
   */
  public List<Integer> faultyVehicles(int vehicles, long seed) {
    int count = kind == FaultKind.NONE ? 0 : (int) Math.round(share * vehicles);
    List<Integer> ids = new ArrayList<>();
    for (int v = 0; v < vehicles; v++) {
      ids.add(v);
    }
    SplittableRandom random = SeedStreams.stream(seed, "faulty-vehicles");
    for (int i = ids.size() - 1; i > 0; i--) { // Fisher-Yates
      int j = random.nextInt(i + 1);
      ids.set(i, ids.set(j, ids.get(i)));
    }
    List<Integer> faulty = new ArrayList<>(ids.subList(0, count));
    faulty.sort(Integer::compare);
    return faulty;
  }
}
