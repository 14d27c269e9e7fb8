package fedvec.cluster.settings;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;
import java.util.List;

/**
 * Typed, range-checked reads of one config subtree; every failure names the full key and what is
 * allowed.
 */
final class SettingsReader {
  private final Config config;
  private final String prefix;

  SettingsReader(Config config, String prefix) {
    this.config = config;
    this.prefix = prefix;
  }

  SettingsReader at(String path) {
    return new SettingsReader(config, key(path));
  }

  String key(String path) {
    return prefix.isEmpty() ? path : prefix + "." + path;
  }

  int intIn(String path, int min, int max) {
    int value = read(path, "an integer", () -> config.getInt(key(path)));
    if (value < min || value > max) {
      throw new InvalidSettingException(
          key(path), "must be an integer in [" + min + ", " + max + "], got " + value);
    }
    return value;
  }

  long anyLong(String path) {
    return read(path, "a 64-bit integer", () -> config.getLong(key(path)));
  }

  /** A finite number in [min, max]. */
  double doubleIn(String path, double min, double max) {
    double value = read(path, "a number", () -> config.getDouble(key(path)));
    if (!Double.isFinite(value) || value < min || value > max) {
      throw new InvalidSettingException(
          key(path), "must be a number in [" + min + ", " + max + "], got " + value);
    }
    return value;
  }

  /** A finite number > 0 and at most max. */
  double positive(String path, double max) {
    double value = read(path, "a number", () -> config.getDouble(key(path)));
    if (!Double.isFinite(value) || value <= 0 || value > max) {
      throw new InvalidSettingException(
          key(path), "must be a number in (0, " + max + "], got " + value);
    }
    return value;
  }

  boolean bool(String path) {
    return read(path, "on/off (a boolean)", () -> config.getBoolean(key(path)));
  }

  String string(String path) {
    return read(path, "a string", () -> config.getString(key(path)));
  }

  long durationMs(String path, Duration min, Duration max) {
    Duration value = read(path, "a duration such as 30s", () -> config.getDuration(key(path)));
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new InvalidSettingException(
          key(path), "must be a duration in [" + min + ", " + max + "], got " + value);
    }
    return value.toMillis();
  }

  int[] positiveInts(String path, int max) {
    List<Integer> values = read(path, "a list of integers", () -> config.getIntList(key(path)));
    if (values.isEmpty() || values.stream().anyMatch(v -> v < 1 || v > max)) {
      throw new InvalidSettingException(
          key(path), "must be a non-empty list of integers in [1, " + max + "], got " + values);
    }
    return values.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Checks min <= max for a pair of already-read values. */
  void ordered(String minPath, double min, String maxPath, double max) {
    if (min > max) {
      throw new InvalidSettingException(
          key(minPath), "must not exceed " + key(maxPath) + " (" + min + " > " + max + ")");
    }
  }

  private <T> T read(String path, String expected, java.util.function.Supplier<T> reader) {
    try {
      return reader.get();
    } catch (ConfigException.Missing e) {
      throw new InvalidSettingException(key(path), "is missing; expected " + expected);
    } catch (ConfigException.WrongType | ConfigException.BadValue e) {
      throw new InvalidSettingException(
          key(path),
          "must be " + expected + " (" + e.getMessage().replaceFirst("^.*?: ", "") + ")");
    }
  }
}
