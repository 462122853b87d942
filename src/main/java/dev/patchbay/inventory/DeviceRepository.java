package dev.patchbay.inventory;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

/** Devices by name; filtered listing through specifications. */
public interface DeviceRepository
    extends JpaRepository<Device, Long>, JpaSpecificationExecutor<Device> {

  Optional<Device> findByName(String name);

  boolean existsByName(String name);

  List<Device> findByTestbedOrderByNameAsc(Testbed testbed);
}
