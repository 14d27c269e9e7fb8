package fedvec.model.offload;

/** Where a task runs: the one-hot discrete action a^d = {a^{d,l}, a^{d,v}, a^{d,e}} of eq. (14). */
public enum OffloadTarget {
  LOCAL,
  ASSISTED_VEHICLE,
  RSU;

  private static final OffloadTarget[] VALUES = values();

  public static OffloadTarget ofIndex(int index) {
    return VALUES[index];
  }
}
