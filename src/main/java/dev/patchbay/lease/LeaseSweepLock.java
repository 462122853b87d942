package dev.patchbay.lease;

import dev.patchbay.common.DatabaseProduct;
import dev.patchbay.common.JdbcTransactions;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes the lease sweep run on one instance at a time across a cluster sharing PostgreSQL: the
 * sweep runs in a transaction holding a PostgreSQL advisory lock, and an instance that cannot take
 * it skips that sweep (another is sweeping). H2 serves one instance, so there it simply runs. The
 * ledger's row locks keep an expiry correct either way; the lock saves the duplicate work and keeps
 * expiry once per cluster.
 */
@Component
class LeaseSweepLock {

  /** The advisory lock key: "PBLEASE1" in ASCII, far from anything else this database locks. */
  static final long KEY = 0x50424C4541534531L;

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final boolean postgres;

  LeaseSweepLock(DataSource dataSource) throws MetaDataAccessException {
    this.jdbc = JdbcClient.create(dataSource);
    this.transaction = JdbcTransactions.on(dataSource);
    this.postgres = DatabaseProduct.isPostgres(dataSource);
  }

  /**
   * Runs {@code sweep} in one transaction unless another instance holds the lock; true when it ran.
   */
  boolean runExclusively(Runnable sweep) {
    if (!postgres) {
      sweep.run();
      return true;
    }
    Boolean ran =
        transaction.execute(
            status -> {
              boolean locked =
                  jdbc.sql("select pg_try_advisory_xact_lock(?)")
                      .param(KEY)
                      .query(Boolean.class)
                      .single();
              if (locked) {
                sweep.run();
              }
              return locked;
            });
    return Boolean.TRUE.equals(ran);
  }
}
