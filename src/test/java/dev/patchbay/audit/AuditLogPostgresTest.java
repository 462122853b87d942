package dev.patchbay.audit;

import dev.patchbay.testsupport.PostgresSchema;

/**
 * {@link AuditLogStorageTestSupport} on the real PostgreSQL, in the throwaway schema the API tests
 * on PostgreSQL share (dropped afterwards): batch inserts return their generated keys there too.
 * Fails, never skips, when PostgreSQL is down.
 */
@PostgresSchema("api")
class AuditLogPostgresTest extends AuditLogStorageTestSupport {}
