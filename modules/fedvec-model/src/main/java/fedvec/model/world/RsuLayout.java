package fedvec.model.world;

/** RSU positions: evenly spaced, RSU k at (k + 1/2) * L / R (ASSUME rsu layout). */
public final class RsuLayout {
  private final double[] positionsM;

  public RsuLayout(RoadSettings road, int rsuCount) {
    positionsM = new double[rsuCount];
    for (int k = 0; k < rsuCount; k++) {
      positionsM[k] = (k + 0.5) * road.lengthM() / rsuCount;
    }
  }

  public int count() {
    return positionsM.length;
  }

  public double positionM(int rsu) {
    return positionsM[rsu];
  }

  /** The serving RSU: the nearest one, the lower id on a tie. */
  public int nearest(double positionM) {
    int best = 0;
    for (int k = 1; k < positionsM.length; k++) {
      if (Math.abs(positionsM[k] - positionM) < Math.abs(positionsM[best] - positionM)) {
        best = k;
      }
    }
    return best;
  }
}
