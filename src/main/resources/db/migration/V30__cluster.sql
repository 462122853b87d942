-- Several instances on one database (ADR 22): who is alive, which instance owns each device's live
-- sessions (fenced by an epoch raised on every claim), and which instance holds each recording's
-- file and runs each job, so that a dead instance's leftovers are found and only those.
CREATE TABLE cluster_instance (
    id             VARCHAR(36)  PRIMARY KEY,
    name           VARCHAR(200) NOT NULL,
    advertised_url VARCHAR(500) NOT NULL,
    started_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeat_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- instance_id NULL: nobody owns the device now; lost_instance: the owner that died holding it.
CREATE TABLE device_owner (
    device        VARCHAR(200) PRIMARY KEY,
    instance_id   VARCHAR(36),
    epoch         BIGINT       NOT NULL,
    lost_instance VARCHAR(36),
    claimed_at    TIMESTAMP WITH TIME ZONE
);

CREATE INDEX ix_device_owner_instance ON device_owner (instance_id);

-- NULL: written before this migration, by the single instance of that time.
ALTER TABLE recording ADD COLUMN instance_id VARCHAR(36);
ALTER TABLE job ADD COLUMN instance_id VARCHAR(36);

CREATE INDEX ix_recording_instance ON recording (instance_id, ended_at);
CREATE INDEX ix_job_instance ON job (instance_id, state);
