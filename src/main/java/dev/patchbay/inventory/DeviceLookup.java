package dev.patchbay.inventory;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where proxy hops find their devices: by name ({@code proxy: jump}) and by the host of a
 * connection (an ssh {@code ProxyJump} host written as an address). Devices being written come
 * before the stored ones, so that a file's hops resolve within the file.
 */
public interface DeviceLookup {

  Optional<Device> byName(String name);

  List<Device> byHost(String host);

  /** The stored devices. */
  static DeviceLookup of(DeviceRepository devices) {
    return new DeviceLookup() {
      @Override
      public Optional<Device> byName(String name) {
        return devices.findByName(name);
      }

      @Override
      public List<Device> byHost(String host) {
        return devices.findByConnectionHost(host);
      }
    };
  }

  /** {@code written} first (they replace stored devices of the same name), then this lookup. */
  default DeviceLookup with(Collection<Device> written) {
    DeviceLookup stored = this;
    return new DeviceLookup() {
      @Override
      public Optional<Device> byName(String name) {
        return written.stream()
            .filter(d -> d.getName().equals(name))
            .findFirst()
            .or(() -> stored.byName(name));
      }

      @Override
      public List<Device> byHost(String host) {
        return Stream.concat(
                written.stream()
                    .filter(
                        d -> d.getConnections().stream().anyMatch(c -> host.equals(c.getHost()))),
                stored.byHost(host).stream()
                    .filter(d -> written.stream().noneMatch(w -> w.getName().equals(d.getName()))))
            .toList();
      }
    };
  }
}
