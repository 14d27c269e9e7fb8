package fedvec.learning.validation;

/** Why an update was kept out of an aggregation. */
public enum RejectionReason {
  /** Not as many parameters as the model has. */
  WRONG_SHAPE("wrong-shape"),
  /** A NaN or infinite parameter or performance value. */
  NOT_FINITE("not-finite"),
  /** A parameter norm above fedvec.fl.max-update-norm. */
  NORM_ABOVE_BOUND("norm-above-bound");

  private final String label;

  RejectionReason(String label) {
    this.label = label;
  }

  /** The name in aggregation.jsonl and summary.json. */
  public String label() {
    return label;
  }
}
