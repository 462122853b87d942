package dev.patchbay.audit;

/** {@link AuditLogStorageTestSupport} on the embedded H2 database. */
class AuditLogStorageTest extends AuditLogStorageTestSupport {}
