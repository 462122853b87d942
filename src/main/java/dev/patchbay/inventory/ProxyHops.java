package dev.patchbay.inventory;

import dev.patchbay.api.FieldProblem;
import dev.patchbay.api.PatchbayException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedSet;
import java.util.function.Function;

/**
 * A connection definition's {@code proxy} as pyATS/Unicon write it: a device name ({@code proxy:
 * jump}), one hop ({@code proxy: {device: term-server, command: "telnet 10.1.1.5 2001"}}) or a
 * chain, first hop first ({@code proxy: [jump1, {device: jump2}]}). A hop without {@code command}
 * is an SSH jump host that forwards the connection; a hop with one is logged in to and the command
 * is run in its shell. {@code via} names the hop device's connection (default: its first ssh one).
 */
public final class ProxyHops {

  /** One hop: the device, optionally its connection ({@code via}) and the command to run there. */
  public record Hop(String device, String via, String command) {}

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
   * The connection a hop is reached with: {@code via} if given, else the device's first ssh
   * connection.
   */
  public static Optional<ConnectionDefinition> hopConnection(Device device, Hop hop) {
    if (hop.via() != null) {
      return device.connection(hop.via());
    }
    return device.getConnections().stream()
        .filter(c -> c.supportedProtocol().filter(p -> p == Protocol.SSH).isPresent())
        .findFirst();
  }

  /**
   * Refuses, with a {@code validation} problem on {@code field}, a malformed proxy or one whose
   * hops name a device that does not exist, the device itself, or a chain (following each hop's own
   * proxy) that comes back to a device already on it. {@code devices} finds a device by name (the
   * stored ones, or those of a file being imported).
   */
  public static void check(
      String deviceName, String field, Object proxy, Function<String, Optional<Device>> devices) {
    List<FieldProblem> problems = new ArrayList<>();
    problem(deviceName, proxy, devices)
        .ifPresent(message -> problems.add(new FieldProblem(field, message)));
    if (!problems.isEmpty()) {
      throw PatchbayException.invalid("the proxy of '" + deviceName + "' is invalid", problems);
    }
  }

  /** What is wrong with {@code proxy} of a connection of {@code deviceName}, or empty. */
  public static Optional<String> problem(
      String deviceName, Object proxy, Function<String, Optional<Device>> devices) {
    Optional<String> form = formProblem(proxy);
    if (form.isPresent()) {
      return form;
    }
    SequencedSet<String> path = new LinkedHashSet<>();
    path.add(deviceName);
    return walk(path, parse(proxy), devices);
  }

  private static Optional<String> walk(
      SequencedSet<String> path, List<Hop> hops, Function<String, Optional<Device>> devices) {
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
      Optional<Device> device = devices.apply(hop.device());
      if (device.isEmpty()) {
        return Optional.of("proxy hop '" + hop.device() + "' names no device");
      }
      Optional<ConnectionDefinition> connection = hopConnection(device.get(), hop);
      if (connection.isEmpty()) {
        continue; // refused when a session opens: the hop may gain its connection later
      }
      Object further = connection.get().getProxy();
      if (further != null) {
        Optional<String> form = formProblem(further);
        if (form.isPresent()) {
          return Optional.of("proxy hop '" + hop.device() + "': " + form.get());
        }
        SequencedSet<String> deeper = new LinkedHashSet<>(path);
        deeper.add(hop.device());
        Optional<String> problem = walk(deeper, parse(further), devices);
        if (problem.isPresent()) {
          return problem;
        }
      }
    }
    return Optional.empty();
  }

  private static String chain(SequencedSet<String> path, Hop hop) {
    return String.join(" → ", path) + " → " + hop.device();
  }

  private static Hop hop(Object item) {
    if (item instanceof String device && !device.isBlank()) {
      return new Hop(device, null, null);
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
      return new Hop(name, (String) via, (String) command);
    }
    throw new IllegalArgumentException("must be a device name, a hop {device, command} or a list");
  }
}
