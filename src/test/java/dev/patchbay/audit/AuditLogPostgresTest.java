package dev.patchbay.audit;

import dev.patchbay.testsupport.PostgresSchema;

/**
 * {@link AuditLogStorageTestSupport} on the real PostgreSQL in a fresh schema (dropped afterwards):
 * batch inserts return their generated keys there too. Fails, never skips, when PostgreSQL is down.
 */
@PostgresSchema("audit")
class AuditLogPostgresTest extends AuditLogStorageTestSupport {}
