package fedvec.app.node;

import fedvec.cluster.node.FedvecNode;
import fedvec.cluster.settings.InvalidSettingException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * Where a cluster node listens, whom it joins and what it hosts: the flags of `node` and `run
 * --cluster`.
 */
public final class NodeOptions {
  private static final Set<String> ROLES =
      Set.of(FedvecNode.COORDINATOR, FedvecNode.RSU, FedvecNode.VEHICLES);

  /** The management endpoint listens this far above the node's port by default (2551 -> 8558). */
  private static final int MANAGEMENT_OFFSET = 8558 - 2551;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      description = "Address this node binds and announces (default 127.0.0.1).")
  String host = "127.0.0.1";

  @Option(names = "--port", paramLabel = "PORT", description = "Cluster port of this node.")
  Integer port;

  @Option(
      names = "--seed-nodes",
      paramLabel = "HOST:PORT",
      split = ",",
      description = "Nodes to join, comma-separated; every node of a cluster names the same ones.")
  List<String> seedNodes = new ArrayList<>();

  @Option(
      names = "--roles",
      paramLabel = "ROLE",
      split = ",",
      description = "Any of coordinator, rsu, vehicles, comma-separated.")
  List<String> roles;

  @Option(
      names = "--bootstrap",
      description =
          "Form the cluster with Pekko Management cluster bootstrap instead of --seed-nodes"
              + " (Kubernetes: see deploy/k8s and docs/operations.md).")
  boolean bootstrap;

  @Option(
      names = "--management-port",
      paramLabel = "PORT",
      description = "Pekko Management HTTP port (default: node port + 6007; 0: off).")
  Integer managementPort;

  /** Whether any flag that only makes sense for a cluster node was given. */
  public boolean anyClusterFlag() {
    return port != null || !seedNodes.isEmpty() || roles != null || bootstrap;
  }

  /**
   * The Pekko settings of this node, as config overrides.
   *
   * @param defaultRoles roles when --roles is not given
   * @param defaultPort port when --port is not given
   */
  public Map<String, String> overrides(List<String> defaultRoles, int defaultPort) {
    int nodePort = port != null ? port : defaultPort;
    if (nodePort < 0 || nodePort > 65535) {
      throw new InvalidSettingException("--port", "must be in [0, 65535], got " + nodePort);
    }
    List<String> nodeRoles = roles != null ? roles : defaultRoles;
    if (nodeRoles.isEmpty() || !ROLES.containsAll(nodeRoles)) {
      throw new InvalidSettingException("--roles", "allowed: " + ROLES + ", got " + nodeRoles);
    }
    if (bootstrap && !seedNodes.isEmpty()) {
      throw new InvalidSettingException("--seed-nodes", "cannot be combined with --bootstrap");
    }
    List<String> seeds = new ArrayList<>();
    List<String> seedAddresses =
        bootstrap ? List.of() : seedNodes.isEmpty() ? List.of(host + ":" + nodePort) : seedNodes;
    for (String seed : seedAddresses) {
      if (!seed.matches("[A-Za-z0-9.\\-]+:\\d{1,5}")) {
        throw new InvalidSettingException(
            "--seed-nodes", "expected HOST:PORT[,HOST:PORT...], got '" + seed + "'");
      }
      seeds.add("\"pekko://" + FedvecNode.SYSTEM_NAME + "@" + seed + "\"");
    }
    Map<String, String> o = new LinkedHashMap<>();
    o.put("pekko.remote.artery.canonical.hostname", quoted(host));
    o.put("pekko.remote.artery.canonical.port", Integer.toString(nodePort));
    o.put("pekko.cluster.roles", "[" + String.join(",", nodeRoles) + "]");
    o.put("pekko.cluster.seed-nodes", "[" + String.join(",", seeds) + "]");
    int management =
        managementPort != null
            ? managementPort
            : bootstrap ? 8558 : nodePort > 0 ? nodePort + MANAGEMENT_OFFSET : 0;
    if (bootstrap && management == 0) {
      throw new InvalidSettingException(
          "--management-port", "cluster bootstrap needs the management endpoint");
    }
    if (management < 0 || management > 65535) {
      throw new InvalidSettingException(
          "--management-port", "must be in [0, 65535], got " + management);
    }
    o.put("pekko.management.http.hostname", quoted(host));
    o.put("pekko.management.http.port", Integer.toString(management));
    o.put("fedvec.node.management", management > 0 ? "on" : "off");
    return o;
  }

  private static String quoted(String value) {
    return "\"" + value + "\"";
  }
}
