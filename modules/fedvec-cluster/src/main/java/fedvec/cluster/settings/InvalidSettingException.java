package fedvec.cluster.settings;

/**
 * A configuration key with a value fedvec cannot run with; the message names the key and what is
 * allowed.
 */
public final class InvalidSettingException extends RuntimeException {
  private final String key;

  public InvalidSettingException(String key, String problem) {
    super(key + ": " + problem);
    this.key = key;
  }

  public String key() {
    return key;
  }
}
