package fedvec.cluster.traffic;

/** A link tier of the hierarchy, in the direction the message travels. */
public enum Link {
  VEHICLE_TO_RSU("vehicle->rsu"),
  RSU_TO_VEHICLE("rsu->vehicle"),
  RSU_TO_BS("rsu->bs"),
  BS_TO_RSU("bs->rsu"),
  /** The simulation clock's slot and round control messages. */
  CONTROL("control");

  private final String label;

  Link(String label) {
    this.label = label;
  }

  /** The name used in traffic.csv. */
  public String label() {
    return label;
  }
}
