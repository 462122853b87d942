-- Idempotency-Key records: per API token and key, the request's fingerprint and, once it
-- succeeded, its response (body sealed with the master key: it may hold a lease token).
-- status NULL: the first request with the key is still running.
CREATE TABLE idempotency_record (
    token_id    BIGINT       NOT NULL,
    idem_key    VARCHAR(255) NOT NULL,
    fingerprint VARCHAR(64)  NOT NULL,
    status      INT,
    location    VARCHAR(2000),
    body        VARCHAR,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (token_id, idem_key)
);

CREATE INDEX ix_idempotency_expires ON idempotency_record (expires_at);
