-- Jobs: one request run across many devices; one row per device with its outcome.
-- Numbered apart from the V9.. line so that concurrent branches do not collide.
CREATE TABLE job (
    id             VARCHAR(36)  PRIMARY KEY,
    state          VARCHAR(16)  NOT NULL,
    kind           VARCHAR(16)  NOT NULL,
    actor          VARCHAR(200) NOT NULL,
    request        VARCHAR      NOT NULL,
    testbeds       VARCHAR      NOT NULL,
    device_count   INT          NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at     TIMESTAMP WITH TIME ZONE,
    finished_at    TIMESTAMP WITH TIME ZONE,
    reason         VARCHAR(2000),
    webhook_url    VARCHAR(2000),
    webhook_status VARCHAR(2000)
);

CREATE INDEX ix_job_created ON job (created_at);
CREATE INDEX ix_job_state ON job (state);

CREATE TABLE job_device (
    job_id         VARCHAR(36)  NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    position       INT          NOT NULL,
    device         VARCHAR(200) NOT NULL,
    state          VARCHAR(16)  NOT NULL,
    alias          VARCHAR(64),
    results        VARCHAR,
    problem_type   VARCHAR(200),
    problem_detail VARCHAR(4000),
    started_at     TIMESTAMP WITH TIME ZONE,
    finished_at    TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (job_id, position)
);
