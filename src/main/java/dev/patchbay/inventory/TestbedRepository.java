package dev.patchbay.inventory;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

/** Testbeds by name. */
public interface TestbedRepository extends JpaRepository<Testbed, Long> {

  Optional<Testbed> findByName(String name);

  boolean existsByName(String name);
}
