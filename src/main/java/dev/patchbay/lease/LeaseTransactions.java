package dev.patchbay.lease;

import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Plain JDBC transactions for the lease ledger and its sweep. The application's transaction manager
 * is JPA's, which opens a Hibernate session for every transaction even when only JDBC statements
 * run in it; leases never touch the persistence context. A JPA transaction started inside one of
 * these would find the connection already bound and refuse, so nothing here calls into a
 * JPA-transactional method.
 */
final class LeaseTransactions {

  private LeaseTransactions() {}

  static TransactionTemplate on(DataSource dataSource) {
    return new TransactionTemplate(new DataSourceTransactionManager(dataSource));
  }
}
