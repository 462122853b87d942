package dev.patchbay.inventory;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

/** Testbeds by name; filtered listing through specifications. */
public interface TestbedRepository
    extends JpaRepository<Testbed, Long>, JpaSpecificationExecutor<Testbed> {

  Optional<Testbed> findByName(String name);

  boolean existsByName(String name);
}
