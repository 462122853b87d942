package dev.patchbay.job;

import dev.patchbay.testsupport.PostgresSchema;

/**
 * {@link JobStoreTestSupport} on the real PostgreSQL in a fresh schema (dropped afterwards). Fails,
 * never skips, when PostgreSQL is down.
 */
@PostgresSchema("job")
class JobStorePostgresTest extends JobStoreTestSupport {}
