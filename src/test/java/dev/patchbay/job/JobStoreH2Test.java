package dev.patchbay.job;

/** {@link JobStoreTestSupport} on the embedded H2 database. */
class JobStoreH2Test extends JobStoreTestSupport {}
