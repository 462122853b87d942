package dev.patchbay.common;

import java.sql.DatabaseMetaData;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * Which database a data source reaches, as its driver names it: the few places that write a
 * statement or choose threads per database (PostgreSQL or the embedded H2) ask here.
 */
public final class DatabaseProduct {

  private DatabaseProduct() {}

  public static boolean isPostgres(DataSource dataSource) throws MetaDataAccessException {
    return is(dataSource, "PostgreSQL");
  }

  public static boolean isH2(DataSource dataSource) throws MetaDataAccessException {
    return is(dataSource, "H2");
  }

  private static boolean is(DataSource dataSource, String product) throws MetaDataAccessException {
    return product.equalsIgnoreCase(
        JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName));
  }
}
