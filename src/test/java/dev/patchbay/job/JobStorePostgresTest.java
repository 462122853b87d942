package dev.patchbay.job;

import dev.patchbay.testsupport.PostgresSchema;

/**
 * {@link JobStoreTestSupport} on the real PostgreSQL, in the throwaway schema the API tests on
 * PostgreSQL share (dropped afterwards). Fails, never skips, when PostgreSQL is down.
 */
@PostgresSchema("api")
class JobStorePostgresTest extends JobStoreTestSupport {}
