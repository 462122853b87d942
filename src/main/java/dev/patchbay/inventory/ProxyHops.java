package dev.patchbay.inventory;

import dev.patchbay.api.FieldProblem;
import dev.patchbay.api.PatchbayException;
import dev.patchbay.connection.JumpHost;
import dev.patchbay.connection.SshOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedSet;
import java.util.stream.Stream;

/**
 * A connection definition's {@code proxy} as pyATS/Unicon write it: a device name ({@code proxy:
 * jump}), one hop ({@code proxy: {device: term-server, command: "telnet 10.1.1.5 2001"}}) or a
 * chain, first hop first ({@code proxy: [jump1, {device: jump2}]}). A hop without {@code command}
 * is an SSH jump host that forwards the connection; a hop with one is logged in to and the command
 * is run in its shell. {@code via} names the hop device's connection (default: its first ssh one).
 * An ssh connection may name its jump hosts with the OpenSSH option {@code ProxyJump} instead
 * ({@code [user@]host[:port]}, comma-separated): each host is a device of that name, else the one
 * device with an ssh connection to that host (and port), since a hop's credentials and pinned host
 * key live in the inventory; {@code user@} replaces the hop's login name.
 */
public final class ProxyHops {

  /**
   * One hop: the device, optionally its connection ({@code via}), the command to run there and the
   * login name replacing the connection's ({@code user}, from {@code ProxyJump}).
   */
  public record Hop(String device, String via, String command, String user) {}

  private ProxyHops() {}

  /** The hops of {@code proxy}, first hop first; a {@code validation} problem if malformed. */
  public static List<Hop> parse(Object proxy) {
    if (proxy == null) {
      return List.of();
    }
    List<?> items = proxy instanceof List<?> list ? list : List.of(proxy);
    List<Hop> hops = new ArrayList<>();
    for (Object item : items) {
      hops.add(hop(item));
    }
    return List.copyOf(hops);
  }

  /** What is wrong with the form of {@code proxy}, or empty. */
  static Optional<String> formProblem(Object proxy) {
    try {
      parse(proxy);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  /**
   * The hops to {@code definition}: its {@code proxy}, else the jump hosts of its ssh {@code
   * ProxyJump} found among {@code devices}.
   *
   * @throws IllegalArgumentException saying what is malformed, ambiguous or not found
   */
  public static List<Hop> of(ConnectionDefinition definition, DeviceLookup devices) {
    List<JumpHost> jumps = proxyJump(definition);
    if (definition.getProxy() != null && jumps != null && !jumps.isEmpty()) {
      throw new IllegalArgumentException(
          "has both a proxy and the ssh option ProxyJump; give one of them");
    }
    if (definition.getProxy() != null || jumps == null) {
      return parse(definition.getProxy());
    }
    return jumps.stream().map(jump -> resolve(jump, devices)).toList();
  }

  /** Whether {@code definition}'s hops come from its ssh {@code ProxyJump}. */
  public static boolean fromProxyJump(ConnectionDefinition definition) {
    List<JumpHost> jumps = proxyJump(definition);
    return definition.getProxy() == null && jumps != null && !jumps.isEmpty();
  }

  private static List<JumpHost> proxyJump(ConnectionDefinition definition) {
    if (definition.supportedProtocol().filter(p -> p == Protocol.SSH).isEmpty()) {
      return null;
    }
    return SshOptions.parse(definition.getSshOptions()).options().proxyJump();
  }

  private static Hop resolve(JumpHost jump, DeviceLookup devices) {
    Optional<Device> named = devices.byName(jump.host());
    if (named.isPresent()) {
      if (jump.port() == null) {
        return new Hop(jump.host(), null, null, jump.user());
      }
      return sshConnections(named.get())
          .filter(c -> portOf(c) == jump.port())
          .findFirst()
          .map(c -> new Hop(jump.host(), c.getName(), null, jump.user()))
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "has ProxyJump host '"
                          + jump
                          + "': device '"
                          + jump.host()
                          + "' has no ssh connection on port "
                          + jump.port()));
    }
    Map<String, ConnectionDefinition> matches = new LinkedHashMap<>();
    for (Device device : devices.byHost(jump.host())) {
      sshConnections(device)
          .filter(c -> jump.host().equals(c.getHost()))
          .filter(c -> jump.port() == null || portOf(c) == jump.port())
          .findFirst()
          .ifPresent(c -> matches.putIfAbsent(device.getName(), c));
    }
    if (matches.size() > 1) {
      throw new IllegalArgumentException(
          "has ProxyJump host '"
              + jump
              + "', which several devices reach ("
              + String.join(", ", matches.keySet())
              + "); write the device's name instead");
    }
    return matches.entrySet().stream()
        .findFirst()
        .map(e -> new Hop(e.getKey(), e.getValue().getName(), null, jump.user()))
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "has ProxyJump host '"
                        + jump
                        + "', which names no device (neither a device of that name nor one with"
                        + " an ssh connection to that host)"));
  }

  private static Stream<ConnectionDefinition> sshConnections(Device device) {
    return device.getConnections().stream()
        .filter(c -> c.supportedProtocol().filter(p -> p == Protocol.SSH).isPresent());
  }

  private static int portOf(ConnectionDefinition connection) {
    return connection.getPort() != null ? connection.getPort() : 22;
  }

  /**
   * The connection a hop is reached with: {@code via} if given, else the device's first ssh
   * connection.
   */
  public static Optional<ConnectionDefinition> hopConnection(Device device, Hop hop) {
    if (hop.via() != null) {
      return device.connection(hop.via());
    }
    return sshConnections(device).findFirst();
  }

  /**
   * Refuses, with a {@code validation} problem, a malformed proxy or one whose hops name a device
   * that does not exist, the device itself, or a chain (following each hop's own hops) that comes
   * back to a device already on it; the problem is on {@code proxyField}, or on {@code
   * sshOptionsField} when the hops come from {@code ProxyJump}.
   */
  public static void check(
      String deviceName,
      ConnectionDefinition definition,
      String proxyField,
      String sshOptionsField,
      DeviceLookup devices) {
    problem(deviceName, definition, devices)
        .ifPresent(
            message -> {
              throw PatchbayException.invalid(
                  "the proxy of '" + deviceName + "' is invalid",
                  List.of(
                      new FieldProblem(
                          fromProxyJump(definition) ? sshOptionsField : proxyField, message)));
            });
  }

  /** What is wrong with the hops of {@code definition}, a connection of {@code deviceName}. */
  public static Optional<String> problem(
      String deviceName, ConnectionDefinition definition, DeviceLookup devices) {
    List<Hop> hops;
    try {
      hops = of(definition, devices);
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
    SequencedSet<String> path = new LinkedHashSet<>();
    path.add(deviceName);
    return walk(path, hops, devices);
  }

  private static Optional<String> walk(
      SequencedSet<String> path, List<Hop> hops, DeviceLookup devices) {
    for (Hop hop : hops) {
      if (hop.device().equals(path.getFirst())) {
        return Optional.of(
            path.size() == 1
                ? "proxy hop '" + hop.device() + "' is the device itself"
                : "proxy hop '" + hop.device() + "' closes a cycle: " + chain(path, hop));
      }
      if (path.contains(hop.device())) {
        return Optional.of("proxy hop '" + hop.device() + "' closes a cycle: " + chain(path, hop));
      }
      Optional<Device> device = devices.byName(hop.device());
      if (device.isEmpty()) {
        return Optional.of("proxy hop '" + hop.device() + "' names no device");
      }
      Optional<ConnectionDefinition> connection = hopConnection(device.get(), hop);
      if (connection.isEmpty()) {
        continue; // refused when a session opens: the hop may gain its connection later
      }
      List<Hop> further;
      try {
        further = of(connection.get(), devices);
      } catch (IllegalArgumentException e) {
        return Optional.of("proxy hop '" + hop.device() + "' " + e.getMessage());
      }
      SequencedSet<String> deeper = new LinkedHashSet<>(path);
      deeper.add(hop.device());
      Optional<String> problem = walk(deeper, further, devices);
      if (problem.isPresent()) {
        return problem;
      }
    }
    return Optional.empty();
  }

  private static String chain(SequencedSet<String> path, Hop hop) {
    return String.join(" → ", path) + " → " + hop.device();
  }

  private static Hop hop(Object item) {
    if (item instanceof String device && !device.isBlank()) {
      return new Hop(device, null, null, null);
    }
    if (item instanceof Map<?, ?> map) {
      for (Object key : map.keySet()) {
        if (!"device".equals(key) && !"command".equals(key) && !"via".equals(key)) {
          throw new IllegalArgumentException(
              "proxy hop has unknown key '" + key + "' (expected device, command, via)");
        }
      }
      Object device = map.get("device");
      Object via = map.get("via");
      Object command = map.get("command");
      if (!(device instanceof String name) || name.isBlank()) {
        throw new IllegalArgumentException("proxy hop needs 'device': a device name");
      }
      if (via != null && !(via instanceof String)) {
        throw new IllegalArgumentException("proxy hop '" + name + "': 'via' must be a string");
      }
      if (command != null && (!(command instanceof String text) || text.isBlank())) {
        throw new IllegalArgumentException(
            "proxy hop '" + name + "': 'command' must be a non-empty string");
      }
      return new Hop(name, (String) via, (String) command, null);
    }
    throw new IllegalArgumentException("must be a device name, a hop {device, command} or a list");
  }
}
