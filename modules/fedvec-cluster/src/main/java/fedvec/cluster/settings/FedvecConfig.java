package fedvec.cluster.settings;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Builds a node's whole configuration, highest precedence first: {@code --set} overrides, the
 * user's {@code --config} file, the scenario file, cluster-config/fedvec.conf,
 * cluster-config/node.conf, then Pekko's reference.conf. Keys the user sets must exist in the
 * defaults, so a typo fails instead of being silently ignored; the node's own keys outside the run
 * spec (fedvec.training-batcher) are range-checked here too.
 */
public final class FedvecConfig {
  static final String BASE = "cluster-config/";
  private static final String SCENARIOS = BASE + "scenarios/";

  private FedvecConfig() {}

  /**
   * The merged, resolved configuration.
   *
   * @param scenario scenario name, or null for the one named by fedvec.run.scenario
   * @param userFile an extra HOCON file, or null
   * @param overrides key=value pairs; keys without a "fedvec." or "pekko." prefix get "fedvec."
   */
  public static Config load(String scenario, Path userFile, Map<String, String> overrides) {
    Config defaults = resource(BASE + "fedvec.conf").withFallback(resource(BASE + "node.conf"));
    Config user = userFile == null ? ConfigFactory.empty() : file(userFile);
    Config sets = parseOverrides(overrides);
    String name =
        scenario != null
            ? scenario
            : sets.withFallback(user).withFallback(defaults).getString("fedvec.run.scenario");
    Config scenarioConfig = scenario(name);
    Config known = scenarioConfig.withFallback(defaults);
    requireKnown(user, known, "in " + userFile);
    requireKnown(sets, known, "in --set");
    Config runScenario = ConfigFactory.parseMap(Map.of("fedvec.run.scenario", name));
    Config config =
        sets.withFallback(runScenario)
            .withFallback(user)
            .withFallback(known)
            .withFallback(ConfigFactory.defaultReference())
            .resolve();
    TrainingBatcherSettings.read(config); // a node's own keys: checked here, used later
    return config;
  }

  /** The names of the scenarios shipped in cluster-config/scenarios. */
  public static List<String> scenarioNames() {
    return List.of("hafmaddpg");
  }

  private static Config scenario(String name) {
    URL url = FedvecConfig.class.getClassLoader().getResource(SCENARIOS + name + ".conf");
    if (url == null || !name.matches("[a-z0-9][a-z0-9-]*")) {
      throw new InvalidSettingException(
          "fedvec.run.scenario", "unknown scenario '" + name + "'; allowed: " + scenarioNames());
    }
    return resource(SCENARIOS + name + ".conf");
  }

  private static Config resource(String name) {
    return ConfigFactory.parseResources(
        FedvecConfig.class.getClassLoader(),
        name,
        ConfigParseOptions.defaults().setAllowMissing(false));
  }

  private static Config file(Path path) {
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw new InvalidSettingException("--config", "cannot read file " + path);
    }
    try {
      return ConfigFactory.parseFile(
          new File(path.toString()), ConfigParseOptions.defaults().setAllowMissing(false));
    } catch (ConfigException e) {
      throw new InvalidSettingException("--config", "cannot parse " + path + ": " + e.getMessage());
    }
  }

  private static Config parseOverrides(Map<String, String> overrides) {
    Map<String, ConfigValue> values = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      String key = qualified(e.getKey());
      try {
        Config parsed = ConfigFactory.parseString("v = " + e.getValue());
        values.put(key, parsed.getValue("v"));
      } catch (ConfigException ex) {
        throw new InvalidSettingException(
            key, "malformed value '" + e.getValue() + "' (" + ex.getMessage() + ")");
      }
    }
    Config result = ConfigFactory.empty();
    for (Map.Entry<String, ConfigValue> e : values.entrySet()) {
      result = result.withValue(e.getKey(), e.getValue());
    }
    return result;
  }

  /** A user key as a full path: "learning.batch-size" means "fedvec.learning.batch-size". */
  public static String qualified(String key) {
    String trimmed = key.trim();
    if (trimmed.isEmpty() || !trimmed.matches("[A-Za-z0-9._\\-\"]+")) {
      throw new InvalidSettingException(
          "--set", "malformed key '" + key + "'; expected a dotted path such as run.episodes");
    }
    return trimmed.startsWith("fedvec.") || trimmed.startsWith("pekko.")
        ? trimmed
        : "fedvec." + trimmed;
  }

  /**
   * Every fedvec key of {@code user} must exist in {@code known}; pekko keys are Pekko's business.
   */
  private static void requireKnown(Config user, Config known, String where) {
    TreeSet<String> unknown = new TreeSet<>();
    for (Map.Entry<String, ConfigValue> e : user.entrySet()) {
      String key = e.getKey();
      if (key.startsWith("fedvec.") && !known.hasPathOrNull(key)) {
        unknown.add(key);
      }
    }
    if (!unknown.isEmpty()) {
      String first = unknown.first();
      throw new InvalidSettingException(
          first,
          "unknown key "
              + where
              + "; see cluster-config/fedvec.conf and the scenario file for the allowed keys");
    }
  }
}
