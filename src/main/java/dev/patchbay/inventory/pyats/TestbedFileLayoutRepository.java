package dev.patchbay.inventory.pyats;

import org.springframework.data.jpa.repository.JpaRepository;

/** Layouts by testbed id. */
public interface TestbedFileLayoutRepository extends JpaRepository<TestbedFileLayout, Long> {}
