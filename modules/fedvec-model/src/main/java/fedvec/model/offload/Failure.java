package fedvec.model.offload;

/** Why a task was not completed (F_j of eq. 15). */
public enum Failure {
  NONE,
  /** Not finished by its deadline theta_n. */
  DEADLINE,
  /** The V2V or V2R link left range during the transmission (C3, C4 of eq. 13). */
  OUT_OF_RANGE,
  /** Offloaded to an assisted vehicle while no vehicle of the cell was within V2V range. */
  NO_ASSISTANT
}
