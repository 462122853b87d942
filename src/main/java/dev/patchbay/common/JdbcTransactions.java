package dev.patchbay.common;

import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Plain JDBC transactions, for code that writes with JDBC only (the lease ledger and its sweep, the
 * audit writer). The application's transaction manager is JPA's, which opens a Hibernate session
 * for every transaction even when only JDBC statements run in it. A JPA transaction started inside
 * one of these would find the connection already bound and refuse, so nothing run in one may call a
 * JPA-transactional method.
 */
public final class JdbcTransactions {

  private JdbcTransactions() {}

  public static TransactionTemplate on(DataSource dataSource) {
    return new TransactionTemplate(new DataSourceTransactionManager(dataSource));
  }
}
