package dev.patchbay.inventory;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Devices by name; filtered listing through specifications. */
public interface DeviceRepository
    extends JpaRepository<Device, Long>, JpaSpecificationExecutor<Device> {

  Optional<Device> findByName(String name);

  /**
   * The device with what opening a connection reads, in one query: its testbed, connection
   * definitions and their credentials, and its own credentials (loaded lazily, each was a query of
   * its own). The testbed's credentials stay lazy: a product of three lists would grow with them.
   */
  @Query(
      "select d from Device d left join fetch d.testbed left join fetch d.connections c"
          + " left join fetch c.credentials left join fetch d.credentials where d.name = :name")
  Optional<Device> findForConnectingByName(@Param("name") String name);

  boolean existsByName(String name);

  /** The id of the device called {@code name}, without loading the device. */
  @Query("select d.id from Device d where d.name = :name")
  Optional<Long> findIdByName(@Param("name") String name);

  /** The name of the device's testbed: empty for no device, a null row for no testbed. */
  @Query("select t.name from Device d left join d.testbed t where d.name = :name")
  List<String> findTestbedNameByDeviceName(@Param("name") String name);

  List<Device> findByTestbedOrderByNameAsc(Testbed testbed);

  /** The devices of these names (a job's target), with their testbeds. */
  @Query("select d from Device d left join fetch d.testbed where d.name in :names")
  List<Device> findByNameIn(@Param("names") java.util.Collection<String> names);

  /** The devices with a connection to {@code host}: where an ssh {@code ProxyJump} host leads. */
  @Query("select distinct d from Device d join d.connections c where c.host = :host")
  List<Device> findByConnectionHost(@Param("host") String host);
}
